"""Forms of the volunteer registry and the task board."""

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.cases import tasks
from linli.cases.choices import Skill, TaskKind
from linli.cases.models import Volunteer, VolunteerTask
from linli.cases.tasks import MAX_MINUTES
from linli.community.phone import PhoneError, is_mobile, normalize_phone
from linli.gate.forms import RoomField


class VolunteerForm(forms.ModelForm):
    """Add a volunteer by name and mobile, or edit one (the phone stays: it is their login)."""

    phone = forms.CharField(
        label=_("手机号"),
        max_length=30,
        help_text=_("志愿者用这个手机号收验证码登录。"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        error_messages={"required": _("请填写手机号。")},
    )
    skills = forms.MultipleChoiceField(
        label=_("技能"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Volunteer
        fields = ["name", "skills", "availability", "active"]
        widgets = {"availability": forms.TextInput(attrs={"placeholder": _("例如：每天下午")})}
        error_messages = {"name": {"required": _("请填写姓名。")}}

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community
        if self.instance.pk:
            del self.fields["phone"]
        self.order_fields(["name", "phone", "skills", "availability", "active"])

    def clean_phone(self):
        try:
            phone = normalize_phone(self.cleaned_data["phone"])
        except PhoneError as error:
            raise forms.ValidationError(
                gettext("手机号不对：%(reason)s") % {"reason": error.reason.render(gettext)}
            ) from None
        if not is_mobile(phone):
            raise forms.ValidationError(gettext("请填写11位手机号：志愿者要用它收验证码登录。"))
        if Volunteer.objects.filter(user__phone=phone).exists():
            raise forms.ValidationError(gettext("这个手机号已经登记为志愿者了。"))
        return phone

    def save(self, commit=True):
        """A new volunteer gets a login (or the resident's own one) and the volunteer role.

        None if the phone was taken meanwhile; the form then carries the error.
        """
        volunteer = super().save(commit=False)
        if volunteer.pk:
            volunteer.save()
            if not volunteer.active:
                tasks.release_all(volunteer)  # off duty: their tasks go back on the board
            return volunteer
        phone = self.cleaned_data["phone"]
        try:
            with transaction.atomic():
                user = User.objects.filter(phone=phone).first()
                if user is None:
                    user = User(username=_free_username(phone), phone=phone)
                    user.display_name = volunteer.name
                    user.set_unusable_password()  # they sign in with a code sent to the phone
                    user.save()
                role = {"user": user, "role": Role.VOLUNTEER, "community": self.community}
                if not Membership.objects.filter(**role).exists():
                    Membership.objects.create(**role)
                volunteer.user, volunteer.community = user, self.community
                volunteer.save()
        except IntegrityError:
            # Someone registered the same phone at the same moment.
            self.add_error("phone", gettext("这个手机号已经登记为志愿者了。"))
            return None
        return volunteer


def _free_username(phone: str) -> str:
    taken = set(User.objects.filter(username__startswith=phone).values_list("username", flat=True))
    candidates = [phone] + [f"{phone}-{n}" for n in range(2, len(taken) + 3)]
    return next(c for c in candidates if c not in taken)


class TaskForm(forms.ModelForm):
    household = RoomField(required=False)

    class Meta:
        model = VolunteerTask
        fields = ["kind", "title", "household", "detail", "due_on"]
        widgets = {
            "kind": forms.RadioSelect,
            "detail": forms.Textarea(attrs={"rows": 3}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "kind": {"required": _("请选择任务类型。")},
            "title": {"required": _("请写一句话说明要做什么。")},
            "due_on": {"invalid": _("日期格式不对，如 2020-02-20")},
        }
        help_texts = {
            "title": _("志愿者会看到：只写做什么，不写病情、个案内容。"),
            "detail": _("同样不写病情和个案内容；留空则用通用说明。"),
        }

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].households = households
        self.fields["household"].help_text = _("选填。按 楼栋-单元-房号 填，如 9-1-201")
        self.fields["kind"].choices = TaskKind.choices
        self.fields["due_on"].initial = timezone.localdate

    def clean_due_on(self):
        day = self.cleaned_data["due_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(gettext("日期不能早于今天。"))
        return day


class CompleteForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("用时（分钟）"),
        min_value=1,
        max_value=MAX_MINUTES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "30"}),
        error_messages={
            "required": _("请填写用时，例如 30 分钟。"),
            "invalid": _("用时请填整数分钟，例如 30。"),
            "min_value": _("用时至少 1 分钟。"),
            "max_value": _("用时最多 %(limit_value)s 分钟（12 小时），请检查。"),
        },
    )
    note = forms.CharField(
        label=_("完成情况"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("例如：已送到门口，老人已取")}),
        error_messages={"max_length": _("最多 %(limit_value)d 个字。")},
    )


class AssignForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        queryset=Volunteer.objects.none(),
        label=_("派给"),
        empty_label=_("选择志愿者"),
        error_messages={
            "required": _("请选择志愿者。"),
            "invalid_choice": _("只能派给本社区在岗的志愿者。"),
        },
    )

    def __init__(self, *args, community_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = Volunteer.objects.active().filter(
            community_id=community_id
        )
