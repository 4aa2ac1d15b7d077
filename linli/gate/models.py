"""Closed management at the gate: exit passes, trips out and back, refused exits,
deliveries and visitors, returnees from elsewhere, and disinfection rounds.

Models that belong to a household declare SCOPE_PATHS so the registry Scope
filters them like households; gatekeepers, who see no registry, reach them
through `linli.gate.access`.
"""

from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.community.models import Building, Community, Household, Resident
from linli.gate import codes, rules
from linli.gate.choices import ArrivalKind, PlaceKind, RefusalReason

HOUSEHOLD_SCOPE = ("household__building__", "household__")
COMMUNITY_OF_HOUSEHOLD = "household__building__compound__community_id"


def home_quarantined(household_id, day) -> bool:
    """Whether someone of the household is in home quarantine on `day` (the health
    app's record). Only this yes or no reaches the gate, never who, why or since when."""
    if not apps.is_installed("linli.health"):
        return False
    quarantines = apps.get_model("health", "Quarantine").objects.active()
    return quarantines.filter(household_id=household_id, kind="home", start__lte=day).exists()


class GateRules(models.Model):
    """A community's closed-management rules; communities without a row use the defaults."""

    community = models.OneToOneField(
        Community, models.CASCADE, related_name="gate_rules", verbose_name=_("社区")
    )
    max_out = models.PositiveSmallIntegerField(_("每户同时外出人数"), default=1)
    days_between = models.PositiveSmallIntegerField(_("几天可外出一次"), default=3)
    max_hours = models.DecimalField(
        _("每次外出最长小时数"), max_digits=4, decimal_places=1, default=2
    )
    fever_at = models.DecimalField(
        _("发热体温（°C，达到即劝返）"), max_digits=3, decimal_places=1, default=Decimal("37.3")
    )
    observation_days = models.PositiveSmallIntegerField(_("返回人员观察天数"), default=14)

    class Meta:
        verbose_name = _("出入规则")
        verbose_name_plural = _("出入规则")

    def __str__(self):
        return str(self.community)

    @classmethod
    def for_community(cls, community_id) -> "GateRules":
        found = cls.objects.filter(community_id=community_id).first()
        return found or cls(community_id=community_id)


class ExitPassQuerySet(models.QuerySet):
    def with_details(self):
        return self.select_related("household__building__compound", "household__unit", "resident")

    def on(self, day):
        return self.filter(valid_on=day)


class ExitPass(models.Model):
    """Leave for one trip out of the compound on one day, by one member at a time."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="exit_passes", verbose_name=_("住户")
    )
    resident = models.ForeignKey(
        Resident, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("外出人"),
    )  # fmt: skip
    valid_on = models.DateField(_("外出日期"))
    code = models.CharField(_("出门证号"), max_length=codes.LENGTH, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name=_("开具人"),
    )  # fmt: skip
    requested = models.BooleanField(_("居民自己申请"), default=False)
    created_at = models.DateTimeField(_("开具时间"), auto_now_add=True)

    objects = ExitPassQuerySet.as_manager()

    class Meta:
        verbose_name = _("出门证")
        verbose_name_plural = _("出门证")
        ordering = ["-valid_on", "-id"]
        indexes = [models.Index(fields=["household", "valid_on"], name="exitpass_household_day")]

    def __str__(self):
        return f"{self.household} {self.valid_on:%m-%d}"

    @property
    def spaced_code(self):
        return codes.spaced(self.code)

    @classmethod
    def issue(cls, household, valid_on, user, resident=None, requested=False) -> "ExitPass":
        """A new pass, or rules.Refused when the household went out too recently.

        The household row is locked so two captains tapping at once cannot both
        issue a pass inside the same three days.
        """
        community_id = household.building.compound.community_id
        rules_ = GateRules.for_community(community_id)
        with transaction.atomic():
            Household.objects.select_for_update().filter(pk=household.pk).first()
            near = cls.objects.filter(
                household=household,
                valid_on__gt=valid_on - timedelta(days=rules_.days_between),
                valid_on__lt=valid_on + timedelta(days=rules_.days_between),
            ).values_list("valid_on", flat=True)
            quarantined = home_quarantined(household.pk, valid_on)
            refusal = rules.check_new_pass(valid_on, list(near), rules_.days_between, quarantined)
            if refusal:
                raise Refused(refusal)
            for _attempt in range(5):
                try:
                    with transaction.atomic():
                        return cls.objects.create(
                            household=household, resident=resident, valid_on=valid_on,
                            code=codes.new_code(), issued_by=user, requested=requested,
                        )  # fmt: skip
                except IntegrityError:  # a code collision: one in 10^11, try another
                    continue
            raise RuntimeError("could not find a free pass code")

    def check_exit(self, temperature, now=None) -> rules.Refusal | None:
        now = now or timezone.now()
        today = timezone.localdate(now)
        rules_ = GateRules.for_community(self.household.building.compound.community_id)
        return rules.check_exit(
            today=today,
            pass_day=self.valid_on,
            pass_spent=self.trips.filter(in_at__isnull=False).exists(),
            out_now=Trip.objects.filter(household_id=self.household_id, in_at__isnull=True).count(),
            max_out=rules_.max_out,
            temperature=Decimal(temperature),
            fever_at=rules_.fever_at,
            quarantined=home_quarantined(self.household_id, today),
        )

    def go_out(self, resident, temperature, user) -> tuple["Trip | None", rules.Refusal | None]:
        """Record one member leaving, or record the refusal and return its reason.

        The household row is locked so two members scanned at two gates at
        once cannot both pass the "one at a time" check.
        """
        with transaction.atomic():
            Household.objects.select_for_update().filter(pk=self.household_id).first()
            refusal = self.check_exit(temperature)
            if refusal:
                GateRefusal.objects.create(
                    household_id=self.household_id, exit_pass=self, resident=resident,
                    reason=refusal.reason, temperature=temperature, recorded_by=user,
                )  # fmt: skip
                return None, refusal
            trip = Trip.objects.create(
                household_id=self.household_id, exit_pass=self, resident=resident,
                out_temperature=temperature, recorded_by=user,
            )  # fmt: skip
            return trip, None


class Refused(Exception):
    def __init__(self, refusal: rules.Refusal):
        super().__init__(refusal.reason)
        self.refusal = refusal


class TripQuerySet(models.QuerySet):
    def out(self):
        return self.filter(in_at__isnull=True)

    def overdue(self, now=None):
        """Still out after their community's limit (2 hours unless changed)."""
        now = now or timezone.now()
        trips = list(self.out().select_related("resident", "household__building__compound"))
        limits = {}
        late = []
        for trip in trips:
            community_id = trip.household.building.compound.community_id
            if community_id not in limits:
                limits[community_id] = GateRules.for_community(community_id).max_hours
            if rules.is_overdue(trip.out_at, now, float(limits[community_id])):
                late.append(trip)
        return late


class Trip(models.Model):
    """One member out through the gate and, later, back in."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="trips", verbose_name=_("住户")
    )
    exit_pass = models.ForeignKey(
        ExitPass, models.CASCADE, related_name="trips", verbose_name=_("出门证")
    )
    resident = models.ForeignKey(
        Resident, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("外出人")
    )
    out_at = models.DateTimeField(_("出门时间"), default=timezone.now, db_index=True)
    out_temperature = models.DecimalField(_("出门体温"), max_digits=3, decimal_places=1)
    in_at = models.DateTimeField(_("回来时间"), null=True, blank=True)
    in_temperature = models.DecimalField(
        _("回来体温"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip

    objects = TripQuerySet.as_manager()

    class Meta:
        verbose_name = _("出入记录")
        verbose_name_plural = _("出入记录")
        ordering = ["-out_at", "-id"]

    def __str__(self):
        return f"{self.household} {self.out_at:%m-%d %H:%M}"

    def come_back(self, temperature=None):
        """Record the return; only the first call counts, so a double tap is harmless."""
        now = timezone.now()
        updated = Trip.objects.filter(pk=self.pk, in_at__isnull=True).update(
            in_at=now, in_temperature=temperature
        )
        if updated:
            self.in_at, self.in_temperature = now, temperature
        return bool(updated)


class GateRefusalQuerySet(models.QuerySet):
    def needing_staff(self):
        """Fever at the gate: stays flagged for staff until someone has followed it up."""
        return self.filter(reason=RefusalReason.FEVER, handled_at__isnull=True)


class GateRefusal(models.Model):
    """An exit refused at the gate, with the reason."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="gate_refusals", verbose_name=_("住户")
    )
    exit_pass = models.ForeignKey(
        ExitPass, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("出门证"),
    )  # fmt: skip
    resident = models.ForeignKey(
        Resident, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("外出人")
    )
    reason = models.CharField(_("原因"), max_length=20, choices=RefusalReason.choices)
    temperature = models.DecimalField(
        _("体温"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("处理人"),
    )  # fmt: skip

    objects = GateRefusalQuerySet.as_manager()

    class Meta:
        verbose_name = _("劝返记录")
        verbose_name_plural = _("劝返记录")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.household} {self.get_reason_display()}"


class Arrival(models.Model):
    """A delivery or a visitor at the gate: who, what, for which household, when."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="+", verbose_name=_("社区")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=ArrivalKind.choices)
    who = models.CharField(_("来人"), max_length=60)
    what = models.CharField(_("事由/物品"), max_length=200)
    household = models.ForeignKey(
        Household, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("送往住户"),
    )  # fmt: skip
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("送货与来访")
        verbose_name_plural = _("送货与来访")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.who}"


class ReturneeQuerySet(models.QuerySet):
    def under_observation(self, today=None):
        today = today or timezone.localdate()
        return self.filter(observation_ends__gt=today)


class Returnee(models.Model):
    """Someone who came back from elsewhere (摸排): watched for the observation period."""

    SCOPE_PATHS = HOUSEHOLD_SCOPE

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="returnees", verbose_name=_("住户")
    )
    name = models.CharField(_("姓名"), max_length=50)
    origin = models.CharField(_("从哪里来"), max_length=100)
    arrived_on = models.DateField(_("到达日期"))
    observation_ends = models.DateField(_("观察期结束"), editable=False)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReturneeQuerySet.as_manager()

    class Meta:
        verbose_name = _("返回人员")
        verbose_name_plural = _("返回人员")
        ordering = ["observation_ends", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.arrived_on and not self.observation_ends:
            days = GateRules.for_community(self.household.building.compound.community_id)
            self.observation_ends = rules.observation_end(self.arrived_on, days.observation_days)
        super().save(*args, **kwargs)

    def days_left(self, today=None):
        today = today or timezone.localdate()
        return max((self.observation_ends - today).days, 0)


class PlaceQuerySet(models.QuerySet):
    def with_last_done(self):
        return self.annotate(last_done=Max("logs__done_at"))

    def overdue(self, now=None):
        """Places whose last disinfection is older than 24 h / times per day.

        Compared in Python: the interval differs per row, and interval
        arithmetic in SQL differs between SQLite and PostgreSQL.
        """
        now = now or timezone.now()
        return [p for p in self.with_last_done() if p.is_due(now)]


class Place(models.Model):
    """A public place that is disinfected a number of times a day."""

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="+", verbose_name=_("社区")
    )
    building = models.ForeignKey(
        Building, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("楼栋")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=PlaceKind.choices)
    name = models.CharField(_("名称"), max_length=60)
    times_per_day = models.PositiveSmallIntegerField(_("每天消杀次数"), default=2)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("消杀点位")
        verbose_name_plural = _("消杀点位")
        ordering = ["community_id", "kind", "name"]

    def __str__(self):
        return self.name

    def is_due(self, now=None):
        """Needs `with_last_done()`: the time of the latest log, or None."""
        return rules.disinfection_due(self.last_done, now or timezone.now(), self.times_per_day)


class DisinfectionLog(models.Model):
    place = models.ForeignKey(Place, models.CASCADE, related_name="logs", verbose_name=_("点位"))
    done_at = models.DateTimeField(_("消杀时间"), default=timezone.now, db_index=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name=_("消杀人"),
    )  # fmt: skip
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("消杀记录")
        verbose_name_plural = _("消杀记录")
        ordering = ["-done_at", "-id"]
        # The latest log of each place, for the overdue list, straight from the index.
        indexes = [models.Index(fields=["place", "done_at"], name="disinfection_place_done")]

    def __str__(self):
        return f"{self.place} {self.done_at:%m-%d %H:%M}"
