"""Need intake forms. Bad input gets a plain Chinese message and keeps what was typed.

Every form carries its one-time `token` (intake.new_token) in a hidden field, so a
re-shown form after a typo keeps the same token and a double tap meets one need.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.cases import intake
from linli.cases.choices import Category
from linli.community.phone import PhoneError, normalize_phone

MAX_TEXT = 2000
MAX_PASTE = 20000


class TokenMixin:
    def clean_token(self):
        token = self.cleaned_data.get("token", "")
        if not intake.valid_token(token):
            raise forms.ValidationError(_("页面已过期，请再点一次提交。"))
        return token


def _phone(value):
    try:
        return normalize_phone(value)
    except PhoneError as exc:
        raise forms.ValidationError(exc.reason.render(gettext)) from None


class ResidentNeedForm(TokenMixin, forms.Form):
    """The resident's own request: the category was the big button they tapped."""

    token = forms.CharField(widget=forms.HiddenInput)
    category = forms.ChoiceField(choices=Category.choices, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("请说说您需要什么帮助"),
        help_text=_("写几句就行，写不清楚也没关系，我们会打电话问您。"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "need-text"}),
    )
    contact_phone = forms.CharField(
        label=_("我们打哪个电话找您"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("请留一个电话，方便我们联系您。")},
    )
    # Asked, never assumed: unchecked until the resident ticks it. A crisis is
    # acted on either way (access.py lets professionals read P1 needs).
    consent = forms.BooleanField(
        label=_("同意社工、心理咨询师和医生查看我的求助"),
        help_text=_(
            "勾选后，社工、心理咨询师和医生能看到您写的内容，好来帮您。"
            "不勾选，只有社区工作人员能看到。"
            "如果有生命危险，我们会直接请专业人员来帮您。"
        ),
        required=False,
    )

    def clean_contact_phone(self):
        return _phone(self.cleaned_data["contact_phone"])


class PhoneNeedForm(TokenMixin, forms.Form):
    """Phone intake (电话代办) for a household the worker or captain looks after."""

    token = forms.CharField(widget=forms.HiddenInput)
    resident = forms.ModelChoiceField(
        label=_("需要帮助的人"),
        queryset=None,
        required=False,
        empty_label=_("（不确定，或是全家）"),
    )
    contact_name = forms.CharField(label=_("联系人"), max_length=40, required=False)
    contact_phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
        error_messages={"required": _("请填写联系电话，专业人员要回电话。")},
    )
    category = forms.ChoiceField(
        label=_("类别"),
        choices=Category.choices,
        widget=forms.RadioSelect(attrs={"class": "need-category"}),
        error_messages={"required": _("请选一个类别。")},
    )
    text = forms.CharField(
        label=_("情况说明"),
        help_text=_("居民怎么说的就怎么记，尽量用原话。"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("请记下居民说了什么。")},
    )
    consent = forms.BooleanField(
        label=_("居民同意转给专业人员"),
        help_text=_("电话里问过居民：同意社工、心理咨询师和医生查看这条求助。"),
        required=False,
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = household.residents.order_by("pk")

    def clean_contact_phone(self):
        return _phone(self.cleaned_data["contact_phone"])


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("粘贴群聊内容"),
        help_text=_("从微信群复制几条消息粘贴到这里。先预览，确认后才会登记。"),
        max_length=MAX_PASTE,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("请先粘贴群聊内容。"),
            "max_length": _("一次最多粘贴 %(limit_value)d 个字，请分几次粘贴。"),
        },
    )


class DraftForm(forms.Form):
    """One message of a pasted chat as a draft need, checked and fixed in the preview."""

    include = forms.BooleanField(label=_("登记"), required=False)
    sender = forms.CharField(max_length=60, required=False, widget=forms.HiddenInput)
    text = forms.CharField(max_length=MAX_TEXT, widget=forms.HiddenInput)
    room = forms.CharField(
        label=_("房号"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "3-1-201", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)


DraftFormSet = forms.formset_factory(DraftForm, extra=0, max_num=200, absolute_max=200)
