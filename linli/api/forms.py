from django import forms
from django.utils.translation import gettext_lazy as _

from linli.api.models import ApiToken


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": _("这个令牌用来做什么")}
        help_texts = {"name": _("例如：楼栋群机器人、统计表格。以后看到名字就知道能不能停用它。")}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "off"})}
        error_messages = {"name": {"required": _("请写上用途。")}}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("请写上用途。"))
        return name
