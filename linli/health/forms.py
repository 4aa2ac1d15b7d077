"""Health forms. Bad input gets a plain Chinese message and keeps what was typed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.health import rules
from linli.health.choices import (
    Category,
    Destination,
    FollowUpOutcome,
    Method,
    QuarantineKind,
    Symptom,
    TransferStage,
    VisitOutcome,
)


class CheckInForm(forms.Form):
    temperature = forms.CharField(
        label=_("今天体温"),
        max_length=10,
        widget=forms.TextInput(
            attrs={
                "inputmode": "decimal",
                "autocomplete": "off",
                "class": "temperature",
                "placeholder": "36.5",
            }
        ),  # fmt: skip
    )
    method = forms.ChoiceField(
        label=_("测量方式"), choices=Method.choices, initial=Method.FOREHEAD,
        widget=forms.RadioSelect,
    )  # fmt: skip
    symptoms = forms.MultipleChoiceField(
        label=_("有没有这些症状（没有就不选）"), choices=Symptom.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def clean_temperature(self):
        try:
            return rules.parse_temperature(self.cleaned_data["temperature"])
        except rules.TemperatureError:
            raise forms.ValidationError(
                _("体温应在 34.0 到 43.0 度之间，例如 36.5。请再量一次。")
            ) from None


class VisitForm(forms.Form):
    outcome = forms.ChoiceField(label=_("上门结果"), choices=VisitOutcome.choices)
    category = forms.ChoiceField(
        label=_("分类"), choices=[("", "—")] + Category.choices, required=False
    )
    note = forms.CharField(
        label=_("情况说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == VisitOutcome.CATEGORY and not data.get("category"):
            self.add_error("category", _("结果是“已分类”时，请选择分类。"))
        return data


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("分类"), choices=Category.choices)
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea(attrs={"rows": 2}))


class TransferForm(forms.Form):
    stage = forms.ChoiceField(label=_("下一步"), choices=TransferStage.choices)
    destination = forms.ChoiceField(
        label=_("去向"), choices=[("", "—")] + Destination.choices, required=False
    )
    site = forms.CharField(label=_("机构名称"), max_length=100, required=False)

    def clean(self):
        data = super().clean()
        if data.get("stage") == TransferStage.TRANSFERRED:
            if not data.get("destination"):
                self.add_error("destination", _("请选择转运去向。"))
            if not data.get("site"):
                self.add_error("site", _("请填写医院或隔离点的名称。"))
        return data


class QuarantineForm(forms.Form):
    kind = forms.ChoiceField(label=_("隔离方式"), choices=QuarantineKind.choices)
    place = forms.CharField(label=_("隔离地点"), max_length=100, required=False)
    last_contact = forms.DateField(
        label=_("最后接触日期（密切接触者填写）"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip

    def clean_last_contact(self):
        day = self.cleaned_data["last_contact"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("最后接触日期不能晚于今天。"))
        return day


class QuarantineEndForm(forms.Form):
    new_end = forms.DateField(
        label=_("新的结束日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("调整原因"), widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("今天随访"), choices=FollowUpOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("备注"), required=False)
