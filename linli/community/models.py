"""The registry: district → street → community → area → compound → building → unit →
household → resident.

An area (片区) groups buildings for its leader; it usually follows compound
lines but a large compound is often split between two leaders, so a building
names its area directly instead of the area owning whole compounds.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.community.choices import PRIORITY_TAGS, Relation, Sex, Tag
from linli.community.idcard import IdNumberError, mask_id_number, normalize_id_number
from linli.community.names import pinyin_keys
from linli.community.phone import PhoneError, mask_phone, normalize_phone


class District(models.Model):
    name = models.CharField(_("名称"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("区")
        verbose_name_plural = _("区")

    def __str__(self):
        return self.name


class Street(models.Model):
    district = models.ForeignKey(District, models.PROTECT, related_name="streets")
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        verbose_name = _("街道")
        verbose_name_plural = _("街道")
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="street_unique_name")
        ]

    def __str__(self):
        return self.name


class Community(models.Model):
    street = models.ForeignKey(Street, models.PROTECT, related_name="communities")
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        verbose_name = _("社区")
        verbose_name_plural = _("社区")
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="community_unique_name")
        ]

    def __str__(self):
        return self.name


class Area(models.Model):
    community = models.ForeignKey(Community, models.CASCADE, related_name="areas")
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        verbose_name = _("片区")
        verbose_name_plural = _("片区")
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="area_unique_name")
        ]

    def __str__(self):
        return self.name


class Compound(models.Model):
    community = models.ForeignKey(Community, models.CASCADE, related_name="compounds")
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        verbose_name = _("小区")
        verbose_name_plural = _("小区")
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="compound_unique_name")
        ]

    def __str__(self):
        return self.name


class BuildingQuerySet(models.QuerySet):
    def in_community(self, community):
        return self.filter(compound__community=community)

    def with_counts(self):
        return self.annotate(
            household_count=Count("households", distinct=True),
            resident_count=Count("households__residents", distinct=True),
            vulnerable_count=Count(
                "households__residents",
                filter=Q(households__residents__tags__isnull=False),
                distinct=True,
            ),
        )


class Building(models.Model):
    compound = models.ForeignKey(Compound, models.CASCADE, related_name="buildings")
    area = models.ForeignKey(
        Area, models.SET_NULL, null=True, blank=True, related_name="buildings",
        verbose_name=_("片区"),
    )  # fmt: skip
    # The number as residents say it ("9", "12A"); sort_key orders 2 before 10.
    number = models.CharField(_("楼栋号"), max_length=20)
    sort_key = models.PositiveIntegerField(default=0, editable=False)

    objects = BuildingQuerySet.as_manager()

    class Meta:
        verbose_name = _("楼栋")
        verbose_name_plural = _("楼栋")
        ordering = ["compound_id", "sort_key", "number"]
        constraints = [
            models.UniqueConstraint(fields=["compound", "number"], name="building_unique_number")
        ]

    def __str__(self):
        return f"{self.compound.name}{self.number}栋"

    def save(self, *args, **kwargs):
        self.sort_key = number_sort_key(self.number)
        super().save(*args, **kwargs)

    @property
    def label(self):
        """9栋, or Building 9 to someone reading English (str() stays Chinese)."""
        return gettext("%(number)s栋") % {"number": self.number}


def number_sort_key(number: str) -> int:
    digits = "".join(ch for ch in number if ch.isdigit())[:6]
    return int(digits) if digits else 0


class Unit(models.Model):
    building = models.ForeignKey(Building, models.CASCADE, related_name="units")
    number = models.CharField(_("单元号"), max_length=20)

    class Meta:
        verbose_name = _("单元")
        verbose_name_plural = _("单元")
        ordering = ["building_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["building", "number"], name="unit_unique_number")
        ]

    def __str__(self):
        return f"{self.number}单元"


class HouseholdQuerySet(models.QuerySet):
    def in_community(self, community):
        return self.filter(building__compound__community=community)

    def with_details(self):
        return self.select_related("building__compound", "unit")


class Household(models.Model):
    building = models.ForeignKey(
        Building, models.CASCADE, related_name="households", verbose_name=_("楼栋")
    )
    unit = models.ForeignKey(
        Unit, models.CASCADE, null=True, blank=True, related_name="households",
        verbose_name=_("单元"),
    )  # fmt: skip
    room = models.CharField(_("房号"), max_length=20)
    note = models.TextField(_("备注"), blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("住户")
        verbose_name_plural = _("住户")
        ordering = ["building_id", "unit_id", "room"]
        # One room per building and unit. Two constraints, because NULL units
        # would otherwise never collide with each other.
        constraints = [
            models.UniqueConstraint(
                fields=["building", "unit", "room"],
                condition=Q(unit__isnull=False),
                name="household_unique_room_in_unit",
            ),
            models.UniqueConstraint(
                fields=["building", "room"],
                condition=Q(unit__isnull=True),
                name="household_unique_room_without_unit",
            ),
        ]

    def __str__(self):
        return self.address

    @property
    def address(self):
        """9栋1单元201: the way captains and residents name a home."""
        unit = f"{self.unit.number}单元" if self.unit_id else ""
        return f"{self.building.number}栋{unit}{self.room}"

    @property
    def short_address(self):
        """9-1-201, as typed in chat groups."""
        parts = [self.building.number, self.unit.number if self.unit_id else None, self.room]
        return "-".join(p for p in parts if p)


# "9栋1单元201", "9栋201" or "凯旋名邸9栋1单元201室", as a captain would type an address.
_ADDRESS = re.compile(r"([0-9A-Za-z]+)栋(?:([0-9A-Za-z]+)单元)?([0-9A-Za-z]+)[室号]?$")


class ResidentQuerySet(models.QuerySet):
    def with_details(self):
        return self.select_related("household__building__compound", "household__unit")

    def with_tags(self):
        return self.prefetch_related("tags")

    def tagged(self, *tags):
        return self.filter(tags__tag__in=tags).distinct()

    def vulnerable(self):
        return self.filter(tags__isnull=False).distinct()

    def search(self, query: str):
        """Name, pinyin or initials, room (201, 9-1-201, 9栋1单元201), or the last
        digits of a phone."""
        # Phone keyboards and Chinese input methods often give full-width digits.
        query = unicodedata.normalize("NFKC", query or "").strip()
        if not query:
            return self.none()
        address = _ADDRESS.search(query)
        if address:
            query = "-".join(part for part in address.groups() if part)
        lowered = query.lower().replace(" ", "")
        condition = Q(name__contains=query)
        if lowered.isascii() and lowered.isalpha():
            condition |= Q(name_initials__startswith=lowered) | Q(name_pinyin__startswith=lowered)
        if query.isdigit():
            if len(query) >= 4:
                condition |= Q(phone__endswith=query)
            condition |= Q(household__room=query)
        if "-" in query:
            parts = [p for p in query.split("-") if p]
            if len(parts) >= 2:
                room_q = Q(household__building__number=parts[0], household__room=parts[-1])
                if len(parts) == 3:
                    room_q &= Q(household__unit__number=parts[1])
                condition |= room_q
        return self.filter(condition)


class Resident(models.Model):
    household = models.ForeignKey(
        Household, models.CASCADE, related_name="residents", verbose_name=_("住户")
    )
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("电话"), max_length=20, blank=True, db_index=True)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    relation = models.CharField(
        _("与户主关系"), max_length=20, choices=Relation.choices, default=Relation.HEAD
    )
    note = models.TextField(_("备注"), blank=True)
    name_pinyin = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    name_initials = models.CharField(max_length=30, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("居民")
        verbose_name_plural = _("居民")
        ordering = ["household_id", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_pinyin, self.name_initials = pinyin_keys(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        try:
            self.phone = normalize_phone(self.phone)
        except PhoneError as exc:
            errors["phone"] = exc.reason.render(gettext)
        try:
            self.id_number = normalize_id_number(self.id_number)
        except IdNumberError as exc:
            errors["id_number"] = exc.reason.render(gettext)
        if errors:
            raise ValidationError(errors)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    @property
    def masked_id_number(self):
        return mask_id_number(self.id_number)

    @property
    def tag_values(self):
        return [t.tag for t in self.tags.all()]

    @property
    def tag_labels(self):
        return [Tag(t).label for t in self.tag_values]

    @property
    def is_priority(self):
        return bool(PRIORITY_TAGS.intersection(self.tag_values))


class ResidentTag(models.Model):
    resident = models.ForeignKey(Resident, models.CASCADE, related_name="tags")
    tag = models.CharField(_("标签"), max_length=20, choices=Tag.choices)

    class Meta:
        verbose_name = _("居民标签")
        verbose_name_plural = _("居民标签")
        constraints = [
            models.UniqueConstraint(fields=["resident", "tag"], name="resident_tag_unique")
        ]

    def __str__(self):
        return self.get_tag_display()


class RosterImportQuerySet(models.QuerySet):
    def editable_by(self, scope):
        """Imports of the communities whose registry the user may edit."""
        if scope.is_superuser:
            return self
        return self.filter(community_id__in=scope.editable_community_ids)


class RosterImport(models.Model):
    """An uploaded roster waiting for confirmation, then the record of its import.

    Only a staging record: the registry is untouched until the user confirms,
    and confirming reads the file again against the registry as it is then.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("待确认")
        COMMITTED = "committed", _("已导入")

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="roster_imports", verbose_name=_("社区")
    )
    file_name = models.CharField(_("文件名"), max_length=200)
    # The file itself, kept in the database rather than under var/media so a
    # roster full of ID numbers never sits in a web-served directory; emptied
    # once confirmed (importer.commit).
    content = models.BinaryField(_("文件内容"))
    created_by = models.ForeignKey(
        "accounts.User", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("上传人"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PREVIEW
    )
    committed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    # Counts and bad rows of the preview; after confirming, of what was written.
    summary = models.JSONField(_("摘要"), default=dict, blank=True)

    objects = RosterImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("花名册导入")
        verbose_name_plural = _("花名册导入")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.community} · {self.file_name}"

    @property
    def is_committed(self):
        return self.status == self.Status.COMMITTED
