"""Health records of residents: daily check-ins, visit tasks raised by abnormal
ones, the category history, transfers, quarantines with their follow-ups, and
households left without a carer.

Every model belongs to a household and declares SCOPE_PATHS, so
`scope_of(request).filter(...)` scopes it like the household itself; who may
see the health details on top of that is decided in `linli.health.access`.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag
from linli.health import rules
from linli.health.choices import (
    ENDED_STAGES,
    SEEN_OUTCOMES,
    Category,
    Channel,
    Destination,
    FollowUpOutcome,
    Method,
    QuarantineKind,
    Symptom,
    TransferStage,
    VisitOutcome,
)

HOUSEHOLD_SCOPE = ("household__building__", "household__")
USER = settings.AUTH_USER_MODEL


def fever_threshold() -> Decimal:
    return Decimal(str(getattr(settings, "LINLI_FEVER_THRESHOLD", rules.DEFAULT_FEVER_THRESHOLD)))


class CheckInQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(date=day)


class CheckIn(models.Model):
    """One resident's health on one day; a later entry the same day replaces it."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    resident = models.ForeignKey(
        Resident, models.CASCADE, related_name="checkins", verbose_name=_("居民")
    )
    # Where the resident lived that day; also what scopes the row.
    household = models.ForeignKey(
        Household, models.CASCADE, related_name="checkins", verbose_name=_("住户")
    )
    date = models.DateField(_("日期"))
    temperature = models.DecimalField(
        _("体温"), max_digits=3, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(rules.LOWEST), MaxValueValidator(rules.HIGHEST)],
    )  # fmt: skip
    method = models.CharField(_("测量方式"), max_length=10, choices=Method.choices, blank=True)
    # Comma-separated Symptom values; empty means none.
    symptoms = models.CharField(_("症状"), max_length=100, blank=True)
    abnormal = models.BooleanField(_("异常"), default=False)
    channel = models.CharField(_("填报方式"), max_length=10, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("填报人")
    )
    recorded_at = models.DateTimeField(_("填报时间"), default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("健康打卡")
        verbose_name_plural = _("健康打卡")
        ordering = ["-date", "resident_id"]
        constraints = [
            models.UniqueConstraint(fields=["resident", "date"], name="checkin_one_per_day")
        ]
        indexes = [models.Index(fields=["date", "household"], name="checkin_date_household")]

    def __str__(self):
        return f"{self.resident} {self.date}"

    @property
    def symptom_values(self) -> list[str]:
        return [s for s in self.symptoms.split(",") if s]

    @property
    def symptom_labels(self) -> list[str]:
        return [str(Symptom(s).label) for s in self.symptom_values]

    # What a later entry the same day overwrites.
    UPSERT_FIELDS = ["household", "temperature", "method", "symptoms", "abnormal", "channel",
                     "recorded_by", "recorded_at"]  # fmt: skip

    @classmethod
    def record(cls, resident, *, day=None, temperature=None, method="", symptoms=(),
               channel=Channel.SELF, by=None) -> "CheckIn":  # fmt: skip
        """Write the resident's check-in for `day` (today), replacing any earlier
        one that day; an abnormal one opens a visit task unless one is open."""
        symptoms = [Symptom(s).value for s in symptoms]
        checkin = cls(
            resident=resident, household_id=resident.household_id,
            date=day or timezone.localdate(), temperature=temperature,
            method=method if temperature is not None else "", symptoms=",".join(symptoms),
            abnormal=rules.is_abnormal(temperature, symptoms, fever_threshold()),
            channel=channel, recorded_by=by, recorded_at=timezone.now(),
        )  # fmt: skip
        if not checkin.abnormal:
            cls._upsert([checkin])  # one statement: atomic on its own
            return checkin
        with transaction.atomic():
            cls._upsert([checkin])
            VisitTask.open_for(checkin)
        return checkin

    @classmethod
    def _upsert(cls, checkins):
        # One INSERT … ON CONFLICT DO UPDATE (SQLite and PostgreSQL alike) rather
        # than a SELECT then an INSERT or UPDATE: check-ins arrive in bursts
        # every morning, and the unique (resident, date) makes "replace" atomic.
        cls.objects.bulk_create(
            checkins, update_conflicts=True, unique_fields=["resident", "date"],
            update_fields=cls.UPSERT_FIELDS,
        )  # fmt: skip

    @classmethod
    def household_normal(cls, household, *, by=None, channel=Channel.PROXY) -> int:
        """全家正常: a normal check-in today for each member expected to check in
        (not the dead, nor those in hospital or at an isolation point: a normal
        reading for them would be false). Idempotent; a reading already marked
        abnormal today is left alone, so one tap for the family never hides the
        fever someone reported an hour earlier."""
        from linli.health.coverage import expected_to_check_in  # it imports this module

        today, now = timezone.localdate(), timezone.now()
        abnormal = set(
            cls.objects.filter(household=household, date=today, abnormal=True).values_list(
                "resident_id", flat=True
            )
        )
        checkins = [
            cls(resident=r, household=household, date=today, channel=channel, recorded_by=by,
                recorded_at=now)
            for r in expected_to_check_in(household.residents.all(), today)
            if r.pk not in abnormal
        ]  # fmt: skip
        if checkins:
            cls._upsert(checkins)
        return len(checkins)


class VisitTaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class VisitTask(models.Model):
    """Someone must go and see this resident; open until the outcome is recorded."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    resident = models.ForeignKey(
        Resident, models.CASCADE, related_name="visit_tasks", verbose_name=_("居民")
    )
    household = models.ForeignKey(Household, models.CASCADE, related_name="+")
    checkin = models.ForeignKey(
        CheckIn, models.SET_NULL, null=True, blank=True, related_name="visit_tasks",
        verbose_name=_("异常打卡"),
    )  # fmt: skip
    opened_at = models.DateTimeField(_("发起时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("上门人")
    )
    outcome = models.CharField(_("结果"), max_length=10, choices=VisitOutcome.choices, blank=True)
    note = models.TextField(_("情况说明"), blank=True)

    objects = VisitTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("上门查看任务")
        verbose_name_plural = _("上门查看任务")
        ordering = ["opened_at", "id"]

    def __str__(self):
        return f"{self.resident} {self.opened_at:%m-%d}"

    @property
    def is_open(self):
        return self.closed_at is None

    @classmethod
    def open_for(cls, checkin) -> "VisitTask":
        task = cls.objects.open().filter(resident_id=checkin.resident_id).first()
        if task is None:
            task = cls.objects.create(
                resident_id=checkin.resident_id, household_id=checkin.household_id, checkin=checkin
            )
        return task

    def close(self, outcome, by, note="", category=None):
        """Record what the visit found; a category outcome also writes the category."""
        with transaction.atomic():
            if outcome == VisitOutcome.CATEGORY:
                CategoryEntry.objects.create(
                    resident=self.resident, household_id=self.household_id, category=category,
                    reason=note, recorded_by=by,
                )  # fmt: skip
            self.outcome, self.note, self.closed_by = outcome, note, by
            self.closed_at = timezone.now()
            self.save()


def current_category():
    """The category of the resident's latest history entry, as a subquery."""
    latest = CategoryEntry.objects.filter(resident=OuterRef("pk")).order_by("-recorded_at", "-id")
    return Subquery(latest.values("category")[:1])


def with_category(residents):
    """Residents annotated with `category`, derived from their history (no copy stored)."""
    return residents.annotate(category=current_category())


def category_counts(residents) -> dict[str, int]:
    """{category: number of residents currently in it} among `residents`."""
    rows = (
        with_category(residents)
        .filter(category__isnull=False)
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
    )
    return {row["category"]: row["n"] for row in rows}


class CategoryEntryQuerySet(models.QuerySet):
    def standing_at(self, moment):
        """The entries that were their resident's latest before `moment`: each
        resident's category at that moment (a later correction replaces it)."""
        later = CategoryEntry.objects.filter(
            resident=OuterRef("resident"), recorded_at__lt=moment
        ).filter(
            Q(recorded_at__gt=OuterRef("recorded_at"))
            | Q(recorded_at=OuterRef("recorded_at"), pk__gt=OuterRef("pk"))
        )
        return self.filter(recorded_at__lt=moment).exclude(Exists(later))


class CategoryEntry(models.Model):
    """One step of a resident's category history. Append-only: a change is a new entry."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    resident = models.ForeignKey(
        Resident, models.CASCADE, related_name="category_entries", verbose_name=_("居民")
    )
    household = models.ForeignKey(Household, models.CASCADE, related_name="+")
    category = models.CharField(_("分类"), max_length=20, choices=Category.choices)
    reason = models.TextField(_("原因"), blank=True)
    recorded_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("记录人")
    )
    recorded_at = models.DateTimeField(_("时间"), default=timezone.now)

    objects = CategoryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("人员分类记录")
        verbose_name_plural = _("人员分类记录")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["resident", "-recorded_at"], name="category_latest")]

    def __str__(self):
        return f"{self.resident} {self.get_category_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("category history is append-only")
        super().save(*args, **kwargs)


class TransferQuerySet(models.QuerySet):
    def away_at(self, moment):
        """Transfers whose person was away at `moment`: taken before it and not
        discharged or back home by then."""
        return self.filter(transferred_at__lt=moment).filter(
            Q(ended_at__isnull=True) | Q(ended_at__gte=moment)
        )


class Transfer(models.Model):
    """Requested → vehicle arranged → transferred → discharged or returned."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    resident = models.ForeignKey(
        Resident, models.CASCADE, related_name="transfers", verbose_name=_("居民")
    )
    household = models.ForeignKey(Household, models.CASCADE, related_name="+")
    stage = models.CharField(
        _("进度"), max_length=12, choices=TransferStage.choices, default=TransferStage.REQUESTED
    )
    destination = models.CharField(
        _("去向"), max_length=10, choices=Destination.choices, blank=True
    )
    site = models.CharField(_("机构名称"), max_length=100, blank=True)
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    requested_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    arranged_at = models.DateTimeField(_("派车时间"), null=True, blank=True)
    arranged_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    transferred_at = models.DateTimeField(_("转运时间"), null=True, blank=True)
    transferred_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    ended_at = models.DateTimeField(_("出院或返回时间"), null=True, blank=True)
    ended_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")

    objects = TransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("转运")
        verbose_name_plural = _("转运")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.resident} {self.get_stage_display()}"

    # The stage each stage may move on to, and the fields that record the step.
    NEXT = {
        TransferStage.REQUESTED: (TransferStage.ARRANGED,),
        TransferStage.ARRANGED: (TransferStage.TRANSFERRED,),
        TransferStage.TRANSFERRED: ENDED_STAGES,
    }
    STEP_FIELDS = {
        TransferStage.ARRANGED: "arranged",
        TransferStage.TRANSFERRED: "transferred",
        TransferStage.DISCHARGED: "ended",
        TransferStage.RETURNED: "ended",
    }

    @property
    def next_stages(self):
        return [TransferStage(s) for s in self.NEXT.get(self.stage, ())]

    @property
    def is_away(self):
        return self.stage == TransferStage.TRANSFERRED

    @classmethod
    def request(cls, resident, by) -> "Transfer":
        return cls.objects.create(
            resident=resident, household_id=resident.household_id, requested_by=by
        )

    def advance(self, stage, by, destination="", site=""):
        """Move to `stage`; a transfer needs its destination and site named."""
        if stage not in self.NEXT.get(self.stage, ()):
            raise ValueError(f"cannot go from {self.stage} to {stage}")
        if stage == TransferStage.TRANSFERRED:
            if not (destination and site):
                raise ValueError("a transfer needs a destination and a site")
            self.destination, self.site = destination, site
        prefix = self.STEP_FIELDS[stage]
        setattr(self, f"{prefix}_at", timezone.now())
        setattr(self, f"{prefix}_by", by)
        self.stage = stage
        with transaction.atomic():
            self.save()
            CareFlag.refresh(self.household)


class CareFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class CareFlag(models.Model):
    """A child or dependent elder left at home without a carer; casework picks it up."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="care_flags", verbose_name=_("住户")
    )
    raised_at = models.DateTimeField(_("发现时间"), default=timezone.now)
    resolved_at = models.DateTimeField(_("解除时间"), null=True, blank=True)

    objects = CareFlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("无人照料的住户")
        verbose_name_plural = _("无人照料的住户")
        ordering = ["raised_at", "id"]

    def __str__(self):
        return str(self.household)

    @classmethod
    def refresh(cls, household):
        """Raise or resolve the household's flag from who is away now."""
        this_year = timezone.localdate().year
        away = set(
            Transfer.objects.filter(
                household=household, stage=TransferStage.TRANSFERRED
            ).values_list("resident_id", flat=True)
        )
        dependent_tags = {Tag.DISABILITY, Tag.ELDERLY_70, Tag.ELDERLY_ALONE}
        members = [
            rules.Member(
                age=this_year - r.birth_year if r.birth_year else None,
                dependent=bool(dependent_tags.intersection(r.tag_values)),
                away=r.pk in away,
            )
            for r in household.residents.prefetch_related("tags")
        ]
        flag = cls.objects.open().filter(household=household).first()
        if rules.needs_care(members) and flag is None:
            cls.objects.create(household=household)
        elif not rules.needs_care(members) and flag is not None:
            flag.resolved_at = timezone.now()
            flag.save(update_fields=["resolved_at"])


def quarantine_days() -> int:
    return int(getattr(settings, "LINLI_QUARANTINE_DAYS", 14))


class QuarantineQuerySet(models.QuerySet):
    def active(self):
        return self.filter(released_at__isnull=True)

    def with_last_seen(self):
        seen = Q(follow_ups__outcome__in=SEEN_OUTCOMES)
        return self.annotate(last_seen=Max("follow_ups__date", filter=seen))

    def due_for_follow_up(self, today):
        """Today's schedule: every active quarantine with no follow-up recorded today."""
        return self.active().filter(start__lte=today).exclude(follow_ups__date=today)

    def not_seen(self, today, days=2):
        """Active quarantines whose person nobody has seen for `days` days."""
        cutoff = today - timedelta(days=days)
        return (
            self.active()
            .with_last_seen()
            .filter(Q(last_seen__lte=cutoff) | Q(last_seen__isnull=True, start__lte=cutoff))
        )


class Quarantine(models.Model):
    SCOPE_PATHS = HOUSEHOLD_SCOPE

    resident = models.ForeignKey(
        Resident, models.CASCADE, related_name="quarantines", verbose_name=_("居民")
    )
    household = models.ForeignKey(Household, models.CASCADE, related_name="+")
    kind = models.CharField(_("隔离方式"), max_length=10, choices=QuarantineKind.choices)
    place = models.CharField(_("隔离地点"), max_length=100, blank=True)
    last_contact = models.DateField(_("最后接触日期"), null=True, blank=True)
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    started_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    released_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    released_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")

    objects = QuarantineQuerySet.as_manager()

    class Meta:
        verbose_name = _("隔离")
        verbose_name_plural = _("隔离")
        ordering = ["end", "id"]
        constraints = [
            # One quarantine at a time: a double tap on "start" must not make two.
            models.UniqueConstraint(
                fields=["resident"],
                condition=Q(released_at__isnull=True),
                name="one_active_quarantine_per_resident",
            )
        ]

    def __str__(self):
        return f"{self.resident} {self.start}–{self.end}"

    @property
    def is_active(self):
        return self.released_at is None

    @property
    def is_due(self):
        """The planned end has come: ready to be released."""
        return self.is_active and timezone.localdate() >= self.end

    @classmethod
    def begin(cls, resident, kind, by, start=None, last_contact=None, place=""):
        """Start a quarantine; close contacts count their days from the last contact."""
        start = start or timezone.localdate()
        end = rules.quarantine_end(start, quarantine_days(), last_contact)
        with transaction.atomic():
            # Lock the resident, so two taps at once queue here and the second
            # finds the quarantine the first one started.
            Resident.objects.select_for_update().filter(pk=resident.pk).first()
            running = cls.objects.active().filter(resident=resident).first()
            if running is not None:
                return running
            quarantine = cls.objects.create(
                resident=resident, household_id=resident.household_id, kind=kind, place=place,
                last_contact=last_contact, start=start, end=end, started_by=by,
            )  # fmt: skip
            ResidentTag.objects.get_or_create(resident=resident, tag=Tag.QUARANTINE)
        return quarantine

    def change_end(self, new_end, reason, by):
        """Extend or shorten, keeping the old end and the reason in the history."""
        with transaction.atomic():
            self.changes.create(old_end=self.end, new_end=new_end, reason=reason, changed_by=by)
            self.end = new_end
            self.save(update_fields=["end"])

    def follow_up(self, outcome, by, note="", day=None) -> "FollowUp":
        follow_up, _created = FollowUp.objects.update_or_create(
            quarantine=self,
            date=day or timezone.localdate(),
            defaults={"outcome": outcome, "note": note, "recorded_by": by},
        )
        return follow_up

    def release(self, by):
        with transaction.atomic():
            self.released_at, self.released_by = timezone.now(), by
            self.save(update_fields=["released_at", "released_by"])
            others = Quarantine.objects.active().filter(resident_id=self.resident_id)
            if not others.exclude(pk=self.pk).exists():
                for tag in ResidentTag.objects.filter(
                    resident_id=self.resident_id, tag=Tag.QUARANTINE
                ):
                    tag.delete()  # one by one, so the audit trail records it


class QuarantineChange(models.Model):
    quarantine = models.ForeignKey(Quarantine, models.CASCADE, related_name="changes")
    old_end = models.DateField(_("原结束日期"))
    new_end = models.DateField(_("新结束日期"))
    reason = models.TextField(_("原因"))
    changed_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("隔离期调整")
        verbose_name_plural = _("隔离期调整")
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.quarantine} → {self.new_end}"

    @property
    def extended(self):
        return self.new_end > self.old_end


class FollowUp(models.Model):
    """One day's check on a person in quarantine."""

    quarantine = models.ForeignKey(Quarantine, models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("日期"))
    outcome = models.CharField(_("结果"), max_length=10, choices=FollowUpOutcome.choices)
    note = models.TextField(_("备注"), blank=True)
    recorded_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("时间"), auto_now=True)

    class Meta:
        verbose_name = _("隔离随访")
        verbose_name_plural = _("隔离随访")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["quarantine", "date"], name="follow_up_one_per_day")
        ]

    def __str__(self):
        return f"{self.quarantine.resident} {self.date} {self.get_outcome_display()}"
