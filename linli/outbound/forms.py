from django import forms
from django.utils.translation import gettext_lazy as _

from linli.community.models import Building, Community
from linli.outbound.models import WebhookTarget


class WebhookTargetForm(forms.ModelForm):
    url = forms.URLField(
        label=_("机器人地址"), max_length=300, assume_scheme="https",
        help_text=_("在企业微信群里添加群机器人后复制的 Webhook 地址"),
        # A text box with the URL keyboard: the shared styles size text inputs for a thumb.
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
    )  # fmt: skip

    class Meta:
        model = WebhookTarget
        fields = ["community", "building", "name", "url", "active"]
        help_texts = {
            "name": _("例如：武南村社区工作群、3栋居民群"),
        }
        error_messages = {"name": {"unique": _("已有同名的群机器人，请换一个名称")}}

    def __init__(self, *args, community_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.filter(pk__in=community_ids)
        self.fields["community"].empty_label = None
        self.fields["building"].queryset = Building.objects.filter(
            compound__community_id__in=community_ids
        ).select_related("compound")
        self.fields["building"].empty_label = _("（社区群）")
        if len(community_ids) == 1:
            self.fields["community"].widget = forms.HiddenInput()
            self.fields["community"].initial = next(iter(community_ids))
