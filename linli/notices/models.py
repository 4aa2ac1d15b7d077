"""Announcements with their reach and read receipts, and reusable templates.

An announcement reaches the whole community, some areas or some buildings; its
audience is every resident living in a building it reaches. A read receipt says
that one resident knows it: read on a household member's phone, or told by
phone or at the door by a captain or worker, which is how an elderly resident
without a smartphone is reached.

Reading in the app marks every resident of the reader's household: families
share one phone, the policy is for the household, and the captain's question is
"which homes has this not reached yet", not who held the phone.

Feedback, articles and activities live in `feedback.py` and `learning.py`.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.community.choices import Tag
from linli.community.models import Area, Building, Community, Household, Resident, ResidentTag
from linli.notices.choices import Priority, Reach, Told
from linli.notices.feedback import Feedback  # noqa: F401  (registers the model)
from linli.notices.learning import Activity, Article, SignUp  # noqa: F401

USER = settings.AUTH_USER_MODEL


class AnnouncementTemplate(models.Model):
    """A notice that comes back every week (团购截单, 测温提醒 …), with {date}
    style placeholders. Templates without a community are offered to all."""

    community = models.ForeignKey(
        Community, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("社区"),
    )  # fmt: skip
    name = models.CharField(_("模板名称"), max_length=50)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    priority = models.PositiveSmallIntegerField(
        _("紧急程度"), choices=Priority.choices, default=Priority.NORMAL
    )

    class Meta:
        verbose_name = _("通知模板")
        verbose_name_plural = _("通知模板")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @classmethod
    def offered_to(cls, community_ids):
        return cls.objects.filter(Q(community__isnull=True) | Q(community_id__in=community_ids))


def _through_ids(through, field, values):
    return through.objects.filter(**{f"{field}__in": values}).values("announcement_id")


class AnnouncementQuerySet(models.QuerySet):
    def reaching(self, buildings):
        """Announcements that reach any of `buildings` (a Building queryset)."""
        return self.filter(
            Q(reach=Reach.COMMUNITY, community_id__in=buildings.values("compound__community_id"))
            | Q(reach=Reach.AREAS, pk__in=_through_ids(
                Announcement.areas.through, "area_id", buildings.values("area_id")))
            | Q(reach=Reach.BUILDINGS, pk__in=_through_ids(
                Announcement.buildings.through, "building_id", buildings.values("pk")))
        )  # fmt: skip

    def visible_to(self, scope):
        """Staff see their community's; everyone else what reaches their homes
        or buildings, and community-wide ones of the communities they serve."""
        if scope.is_superuser:
            return self
        buildings = Building.objects.filter(pk__in=scope.filter(Household).values("building_id"))
        return self.filter(
            Q(community_id__in=scope.community_ids)
            | Q(reach=Reach.COMMUNITY, community_id__in=scope.member_community_ids)
            | Q(pk__in=Announcement.objects.reaching(buildings).values("pk"))
        )

    def in_order(self):
        """Pinned first, then the most urgent, then the newest."""
        return self.order_by("-pinned", "-priority", "-published_at", "-pk")


class Announcement(models.Model):
    community = models.ForeignKey(
        Community, models.CASCADE, related_name="announcements", verbose_name=_("社区")
    )
    reach = models.CharField(_("发送范围"), max_length=20, choices=Reach.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("片区"))
    buildings = models.ManyToManyField(
        Building, blank=True, related_name="+", verbose_name=_("楼栋")
    )
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    priority = models.PositiveSmallIntegerField(
        _("紧急程度"), choices=Priority.choices, default=Priority.NORMAL
    )
    pinned = models.BooleanField(_("置顶"), default=False)
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("发布人")
    )
    template = models.ForeignKey(
        AnnouncementTemplate, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("所用模板"),
    )  # fmt: skip

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_urgent(self):
        return self.priority == Priority.URGENT

    def audience_buildings(self):
        buildings = Building.objects.filter(compound__community_id=self.community_id)
        if self.reach == Reach.AREAS:
            return buildings.filter(area__in=self.areas.all())
        if self.reach == Reach.BUILDINGS:
            return buildings.filter(pk__in=self.buildings.all())
        return buildings

    def audience(self):
        """Every resident living in a building this reaches."""
        return Resident.objects.filter(household__building__in=self.audience_buildings())

    def unread(self, residents):
        """Those of `residents` (already scoped) in the audience with no receipt,
        residents without a smartphone first: they are the ones to call."""
        no_phone = ResidentTag.objects.filter(resident=OuterRef("pk"), tag=Tag.NO_SMARTPHONE)
        return (
            residents.filter(household__building__in=self.audience_buildings())
            .exclude(read_receipts__announcement=self)
            .annotate(no_smartphone=Exists(no_phone))
            .select_related("household__building", "household__unit")
            .order_by(
                "-no_smartphone", "household__building__sort_key", "household__unit__number",
                "household__room", "pk",
            )
        )  # fmt: skip

    def counts_by_building(self, buildings):
        """[(building, residents, told, not told)] for the reached ones of `buildings`."""
        rows = (
            Resident.objects.filter(household__building__in=buildings)
            .filter(household__building__in=self.audience_buildings())
            .values("household__building")
            .annotate(
                total=Count("pk", distinct=True),
                read=Count("pk", filter=Q(read_receipts__announcement=self), distinct=True),
            )
        )
        figures = {r["household__building"]: (r["total"], r["read"]) for r in rows}
        reached = buildings.filter(pk__in=figures).select_related("compound")
        return [(b, *figures[b.pk], figures[b.pk][0] - figures[b.pk][1]) for b in reached]

    def mark_read(self, household_ids, by):
        """A household member opened it: every resident of those households."""
        residents = self.audience().filter(household_id__in=household_ids).values_list("pk")
        receipts = [
            ReadReceipt(announcement=self, resident_id=pk, how=Told.APP, by=by)
            for (pk,) in residents
        ]
        # ignore_conflicts: a second reading, or a captain's earlier call, stands.
        ReadReceipt.objects.bulk_create(receipts, ignore_conflicts=True)

    def mark_told(self, resident, how, by) -> "ReadReceipt":
        """A captain or worker told `resident`; a second tap changes nothing."""
        with transaction.atomic():
            receipt, _created = ReadReceipt.objects.get_or_create(
                announcement=self, resident=resident, defaults={"how": how, "by": by}
            )
        return receipt


class ReadReceipt(models.Model):
    SCOPE_PATHS = ("resident__household__building__", "resident__household__")

    announcement = models.ForeignKey(
        Announcement, models.CASCADE, related_name="receipts", verbose_name=_("通知")
    )
    resident = models.ForeignKey(
        Resident, models.CASCADE, related_name="read_receipts", verbose_name=_("居民")
    )
    how = models.CharField(_("知晓方式"), max_length=10, choices=Told.choices)
    by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("记录人")
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("已读记录")
        verbose_name_plural = _("已读记录")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "resident"], name="receipt_one_per_resident"
            )
        ]

    def __str__(self):
        return f"{self.resident} · {self.get_how_display()}"
