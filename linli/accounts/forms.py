import re
import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from linli.accounts.choices import Language
from linli.accounts.models import LoginFailure, ip_or_none
from linli.audit.context import client_address


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不对，请重新输入（注意区分大小写）。"),
        "inactive": _("这个账号已停用，请联系社区。"),
        "too_many": _("尝试次数过多，请%(minutes)d分钟后再试。"),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["username"].widget.attrs.update(autocapitalize="none", spellcheck="false")
        self.fields["password"].label = _("密码")
        for field in self.fields.values():
            field.error_messages["required"] = _("请填写%(field)s。") % {"field": field.label}

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return self.cleaned_data
        address = ip_or_none(client_address(self.request)) if self.request else None
        # Refused before the password is even checked, so over the limit a right
        # password tells a guesser nothing either.
        attempt = LoginFailure.reserve(username, address)
        if attempt is None:
            minutes = int(LoginFailure.WINDOW.total_seconds() // 60)
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"minutes": minutes}
            )
        super().clean()  # a wrong password raises here, and the attempt stays a failure
        attempt.forgive()
        return self.cleaned_data


class PhoneForm(forms.Form):
    # Parsed by otp.mobile_number so every caller gets the same rules and messages.
    phone = forms.CharField(
        label=_("手机号"),
        max_length=30,
        error_messages={"required": _("请填写手机号。")},
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "class": "acc-big"}
        ),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"),
        max_length=20,
        error_messages={"required": _("请填写短信里的 6 位验证码。")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "class": "acc-code",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        # Full-width digits and a space in the middle are how codes get typed and pasted.
        code = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", self.cleaned_data["code"]))
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("验证码是 6 位数字，请检查后再输入。"))
        return code


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices)
