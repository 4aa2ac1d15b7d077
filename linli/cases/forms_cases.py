"""Forms of the case page. Bad input gets a plain Chinese message and keeps what was typed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.accounts.models import User
from linli.cases.choices import Outcome, Sensitivity
from linli.cases.schedule import MAX_DATES, ScheduleError, follow_up_dates
from linli.community.phone import PhoneError, normalize_phone

_SCHEDULE_MESSAGES = {
    "first_in_past": _("第一次回访不能早于今天。"),
    "too_far": _("回访最多安排到一年以内。"),
    "every_not_positive": _("间隔天数至少为 1。"),
    "until_missing": _("按间隔回访时，请填写截止日期。"),
    "until_before_first": _("截止日期不能早于第一次回访。"),
    "too_many": _("一次最多安排 %(max)d 次回访，这里是 %(n)d 次；请把间隔放长或截止日期提前。"),
}
# Roles people are most often given in a small group; free text is allowed too.
GROUP_ROLES = (_("临时监护人"), _("家属"), _("楼栋长"), _("社区工作者"), _("医生"), _("心理咨询师"))


def _date_input():
    return forms.DateInput(attrs={"type": "date"})


class PlanForm(forms.Form):
    plan = forms.CharField(
        label=_("服务计划"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("记录内容"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写记录内容。")},
    )  # fmt: skip
    sensitivity = forms.ChoiceField(
        label=_("谁能看到"), choices=Sensitivity.choices, initial=Sensitivity.GENERAL,
        widget=forms.RadioSelect,
        help_text=_("一般：小组里的专业人员都能看到；医疗：只有医生；心理：只有心理咨询师。负责人和督导都能看到。"),
    )  # fmt: skip


class ScheduleForm(forms.Form):
    first = forms.DateField(label=_("第一次回访"), widget=_date_input())
    every = forms.IntegerField(
        label=_("之后每隔几天一次"), required=False, min_value=1, max_value=90,
        help_text=_("只回访一次就不填。"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    until = forms.DateField(label=_("回访到哪天为止"), required=False, widget=_date_input())

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["dates"] = follow_up_dates(
                data["first"], data.get("every"), data.get("until"), today=timezone.localdate()
            )
        except ScheduleError as exc:
            message = _SCHEDULE_MESSAGES[exc.code]
            if exc.code == "too_many":
                message = gettext(message) % {"max": MAX_DATES, "n": exc.values[0]}
            self.add_error(exc.field, message)
        return data


class FollowUpDoneForm(forms.Form):
    summary = forms.CharField(
        label=_("回访情况"), max_length=200,
        error_messages={"required": _("请简单写一下回访情况。")},
        help_text=_("简短、一般性的情况；谈话内容请写在记录里。"),
    )  # fmt: skip


class ParticipantForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("从社区人员中选"), queryset=None, required=False, empty_label="—"
    )
    name = forms.CharField(label=_("或者填写姓名"), max_length=40, required=False)
    phone = forms.CharField(label=_("电话"), max_length=20, required=False)
    role = forms.CharField(
        label=_("在小组中的角色"), max_length=40, required=False,
        widget=forms.TextInput(attrs={"list": "group-roles"}),
        help_text=_("例如：临时监护人、家属、楼栋长。"),
    )  # fmt: skip

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        field = self.fields["user"]
        field.queryset = User.objects.filter(pk__in=[u.pk for u, _n, _r in self.candidates])
        labels = {u.pk: f"{n}（{r}）" for u, n, r in self.candidates}
        field.label_from_instance = lambda u: labels.get(u.pk, str(u))

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except PhoneError as exc:
            raise forms.ValidationError(exc.reason.render(gettext)) from None

    def clean(self):
        data = super().clean()
        user, name = data.get("user"), (data.get("name") or "").strip()
        if not user and not name and "name" not in self.errors:
            self.add_error("name", _("请从社区人员中选一位，或者填写姓名。"))
        if user:
            known = {u.pk: (n, r) for u, n, r in self.candidates}[user.pk]
            # An account joins under its own name, in the role it has, unless told otherwise.
            data["name"] = known[0]
            data["role"] = data.get("role") or str(known[1])
        if not user and name and not data.get("role"):
            self.add_error("role", _("请填写这个人在小组中的角色，例如临时监护人。"))
        if not user and name and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("请留一个能联系到的电话。"))
        return data


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("结果"), choices=[("", "—")] + Outcome.choices,
        error_messages={"required": _("结案前请选择结果。")},
    )  # fmt: skip
    note = forms.CharField(
        label=_("结案说明"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("重新开案的原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请写明重新开案的原因。")},
    )  # fmt: skip
