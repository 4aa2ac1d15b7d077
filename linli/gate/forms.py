"""Gate forms. Errors are plain Chinese, and a form that fails keeps what was typed."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.community.models import Household
from linli.gate import codes
from linli.gate.choices import ArrivalKind
from linli.gate.models import Returnee

TEMPERATURE = {
    "max_digits": 3,
    "decimal_places": 1,
    "validators": [MinValueValidator(Decimal("34")), MaxValueValidator(Decimal("43"))],
    "error_messages": {
        "invalid": _("请填体温，如 36.5"),
        "min_value": _("体温太低了，请再量一次（34.0 到 43.0 之间）"),
        "max_value": _("体温太高了，请再量一次（34.0 到 43.0 之间）"),
        "max_decimal_places": _("体温保留一位小数，如 36.5"),
        "max_digits": _("请填体温，如 36.5"),
        "required": _("请填体温"),
    },
}


def temperature_field(required=True):
    attrs = {"inputmode": "decimal", "placeholder": "36.5", "autocomplete": "off"}
    return forms.DecimalField(
        label=_("体温（°C）"), required=required, widget=forms.TextInput(attrs=attrs), **TEMPERATURE
    )


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PassForm(forms.Form):
    valid_on = forms.DateField(
        label=_("外出日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("日期格式不对，如 2020-02-23"), "required": _("请选外出日期")},
    )
    resident = MemberChoice(
        label=_("谁出门"), queryset=None, required=False, empty_label=_("家里任一人")
    )

    def __init__(self, household, *args, **kwargs):
        kwargs.setdefault("initial", {"valid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = household.residents.all()

    def clean_valid_on(self):
        day = self.cleaned_data["valid_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(gettext("不能开过去日期的出门证"))
        return day


class ExitForm(forms.Form):
    resident = MemberChoice(label=_("谁出门"), queryset=None, empty_label=None)
    temperature = temperature_field()

    def __init__(self, household, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = household.residents.all()
        self.fields["resident"].error_messages["required"] = gettext("请选出门的人")


class ReturnForm(forms.Form):
    temperature = temperature_field(required=False)


class LookupForm(forms.Form):
    q = forms.CharField(label=_("出门证号或房号"), max_length=40)

    def clean_q(self):
        text = self.cleaned_data["q"]
        code, room = codes.as_code(text), codes.as_room(text)
        if not code and not room:
            raise forms.ValidationError(
                gettext("没认出来：请扫出门证，或输入8位证号（如 7KQM 3XHD）或房号（如 9-1-201）")
            )
        return text


class RoomField(forms.CharField):
    """A room as typed at the gate (9-1-201); cleans to the Household in `households`."""

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, label=_("房号"), max_length=40, required=required, **kwargs)
        self.widget.attrs.update({"placeholder": "9-1-201", "autocomplete": "off"})
        self.households = Household.objects.none()

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        room = codes.as_room(value)
        found = find_households(self.households, room) if room else []
        if len(found) != 1:
            raise forms.ValidationError(
                gettext("没有找到这个房号，请按 楼栋-单元-房号 填，如 9-1-201")
            )
        return found[0]


def find_households(households, room):
    building, unit, number = room
    found = households.filter(building__number=building, room=number)
    if unit:
        found = found.filter(unit__number=unit)
    return list(found.select_related("building__compound", "unit")[:2])


class ArrivalForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ArrivalKind.choices, widget=forms.RadioSelect)
    who = forms.CharField(label=_("来人"), max_length=60)
    what = forms.CharField(label=_("事由/物品"), max_length=200)
    household = RoomField(required=False)

    def __init__(self, households, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].households = households


class ReturneeForm(forms.ModelForm):
    household = RoomField()

    class Meta:
        model = Returnee
        fields = ["name", "household", "origin", "arrived_on", "note"]
        widgets = {"arrived_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {"arrived_on": {"invalid": _("日期格式不对，如 2020-02-10")}}

    def __init__(self, households, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].households = households


class DisinfectionForm(forms.Form):
    note = forms.CharField(label=_("备注"), max_length=200, required=False)
