"""Staff forms for households and residents.

Phone and ID numbers are normalised the same way the roster import does, and a
wrong value comes back with the reason, in the reader's language, next to what
was typed.
"""

import datetime
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.community.choices import Tag
from linli.community.idcard import IdNumberError, birth_year, normalize_id_number
from linli.community.models import Household, Resident, ResidentTag, Unit
from linli.community.phone import PhoneError, normalize_phone


def _plain(text: str) -> str:
    """Full-width digits and letters, as Chinese keyboards give them, made plain."""
    return unicodedata.normalize("NFKC", text or "").strip()


class ResidentForm(forms.ModelForm):
    tags = forms.MultipleChoiceField(
        label=_("标签"),
        choices=Tag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Resident
        fields = ["name", "relation", "sex", "birth_year", "phone", "id_number", "note"]
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "id_number": forms.TextInput(attrs={"autocomplete": "off"}),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.household = household
        if self.instance.pk:
            self.initial["tags"] = self.instance.tag_values

    def clean_name(self):
        return _plain(self.cleaned_data["name"])

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except PhoneError as exc:
            raise ValidationError(exc.reason.render(gettext)) from None

    def clean_id_number(self):
        try:
            return normalize_id_number(self.cleaned_data["id_number"])
        except IdNumberError as exc:
            raise ValidationError(exc.reason.render(gettext)) from None

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and not 1900 <= year <= datetime.date.today().year:
            raise ValidationError(_("出生年份应在1900年到今年之间"))
        return year

    def clean(self):
        cleaned = super().clean()
        from_id = birth_year(cleaned.get("id_number") or "")
        if from_id and cleaned.get("birth_year") is None:
            # The ID number already says it; spare the worker typing it twice.
            cleaned["birth_year"] = from_id
        elif from_id and cleaned.get("birth_year") != from_id:
            self.add_error("birth_year", _("出生年份与身份证号不一致"))
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        resident = super().save()
        # Tags are rows of their own, so each added or removed one is audited.
        wanted = set(self.cleaned_data["tags"])
        have = set(ResidentTag.objects.filter(resident=resident).values_list("tag", flat=True))
        for tag in ResidentTag.objects.filter(resident=resident, tag__in=have - wanted):
            tag.delete()
        for tag in sorted(wanted - have):
            ResidentTag.objects.create(resident=resident, tag=tag)
        return resident


class HouseholdForm(forms.ModelForm):
    unit_number = forms.CharField(
        label=_("单元号"), max_length=20, required=False, help_text=_("没有单元的楼栋请留空")
    )

    class Meta:
        model = Household
        fields = ["room", "note"]
        widgets = {
            "room": forms.TextInput(attrs={"inputmode": "numeric"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, building, **kwargs):
        super().__init__(*args, **kwargs)
        self.building = building
        if self.instance.unit_id:
            self.initial["unit_number"] = self.instance.unit.number

    def clean_room(self):
        return _plain(self.cleaned_data["room"]).removesuffix("室")

    def clean_unit_number(self):
        return _plain(self.cleaned_data["unit_number"]).removesuffix("单元")

    def clean(self):
        cleaned = super().clean()
        room, unit = cleaned.get("room"), cleaned.get("unit_number")
        if room:
            taken = Household.objects.filter(building=self.building, room=room)
            taken = taken.filter(unit__number=unit) if unit else taken.filter(unit__isnull=True)
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error("room", _("这个房号已经登记过了"))
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        household = super().save(commit=False)
        household.building = self.building
        number = self.cleaned_data["unit_number"]
        household.unit = (
            Unit.objects.get_or_create(building=self.building, number=number)[0] if number else None
        )
        household.save()
        return household
