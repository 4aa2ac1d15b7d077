"""Needs, professionals, cases and volunteers (三社联动).

A need is a request for help from a household, from any channel. Triage gives it a
priority and a deadline; a supervisor offers it to a professional, whose acceptance
opens the case. Case notes are confidential: see access.py for who sees what.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.cases.choices import (
    OPEN_NEED_STATUSES,
    TASK_SKILL,
    AssignmentStatus,
    CaseStatus,
    Category,
    Channel,
    EventKind,
    NeedStatus,
    Outcome,
    Priority,
    Profession,
    Sensitivity,
    TaskKind,
    TaskStatus,
)
from linli.community.models import Community, Household, Resident

HOUSEHOLD_SCOPE = ("household__building__", "household__")


def response_deadline(priority: int, start=None):
    """When a need of this priority must have its first response (LINLI_RESPONSE_MINUTES)."""
    minutes = settings.LINLI_RESPONSE_MINUTES[int(priority) - 1]
    return (start or timezone.now()) + timedelta(minutes=minutes)


class NeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_NEED_STATUSES)

    def overdue(self, now=None):
        """Open needs past their deadline with no first response yet."""
        return self.open().filter(first_response_at__isnull=True, due_at__lt=now or timezone.now())

    def in_community(self, community_ids):
        return self.filter(household__building__compound__community_id__in=community_ids)

    def with_text_readable_by(self, scope):
        """Each need's `text_readable`: whether this user may read its text and contact.
        The rule is `access.text_readable`, one expression, so a list costs no query per row."""
        from linli.cases import access

        return self.annotate(text_readable=access.text_readable(scope))

    def escalate_overdue(self, now=None) -> int:
        """Report overdue needs to the supervisors, each once; returns how many.

        Safe to re-run and to run twice at once: the rows are locked and only
        those not yet escalated are touched. The notices are queued in the same
        transaction, so a crash cannot escalate a need without telling anyone.
        """
        from linli.cases import notify

        now = now or timezone.now()
        with transaction.atomic():
            due = list(self.overdue(now).filter(escalated_at__isnull=True).select_for_update())
            for need in due:
                need.escalated_at = now
                need.save(update_fields=["escalated_at"])
                CaseEvent.objects.create(need=need, kind=EventKind.ESCALATED, at=now)
                notify.need_escalated(need)
        return len(due)


class Need(models.Model):
    SCOPE_PATHS = HOUSEHOLD_SCOPE

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="needs", verbose_name=_("住户")
    )
    resident = models.ForeignKey(
        Resident,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("需要帮助的人"),
    )
    contact_name = models.CharField(_("联系人"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    text = models.TextField(_("情况说明"), blank=True)
    channel = models.CharField(_("来源"), max_length=20, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )
    # The resident agreed that social workers, psychologists and doctors may read it.
    consent = models.BooleanField(_("同意转给专业人员"), default=False)
    priority = models.PositiveSmallIntegerField(
        _("优先级"), choices=Priority.choices, default=Priority.P4
    )
    crisis = models.BooleanField(_("危机"), default=False)
    # Triage's reasons as [{"code": ..., "text": ...}], shown to the worker.
    reasons = models.JSONField(_("分级理由"), default=list, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.NEW
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    due_at = models.DateTimeField(_("响应期限"))
    first_response_at = models.DateTimeField(_("首次响应"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("上报督导"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    # Where it came from, so it is raised once: a care flag ("careflag:12") or the
    # one-time token of the form that sent it (a double tap sends it twice).
    source_key = models.CharField(max_length=60, blank=True, db_index=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("需求")
        verbose_name_plural = _("需求")
        ordering = ["priority", "due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"], name="need_status_due")]
        constraints = [
            # A form token or a flow's source makes one need, however often it arrives.
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="one_need_per_source"
            )
        ]

    def __str__(self):
        return f"{self.household} · {self.get_category_display()}"

    @property
    def is_open(self):
        return self.status in OPEN_NEED_STATUSES

    def is_overdue(self, now=None):
        return self.is_open and not self.first_response_at and self.due_at < (now or timezone.now())

    def set_priority(self, priority, crisis, reasons):
        """Apply a triage result; the deadline counts from when the need came in."""
        self.priority, self.crisis, self.reasons = priority, crisis, reasons
        self.due_at = response_deadline(priority, self.created_at)


class ProfessionalQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def with_load(self):
        """Each professional's open cases as `open_cases`."""
        return self.annotate(
            open_cases=Count("cases", filter=Q(cases__status=CaseStatus.OPEN), distinct=True)
        )


class Professional(models.Model):
    """A social worker, psychologist, doctor or volunteer counsellor who takes cases."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="professional",
        verbose_name=_("账号"),
    )
    name = models.CharField(_("姓名"), max_length=40)
    profession = models.CharField(_("职业"), max_length=20, choices=Profession.choices)
    organisation = models.CharField(_("机构"), max_length=80, blank=True)
    # Specialty slugs (choices.Specialty) and languages or dialects as written (武汉话).
    specialties = models.JSONField(_("专长"), default=list, blank=True)
    languages = models.JSONField(_("语言/方言"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("最多同时负责个案数"), default=8)
    # On duty from start to end each day; an end before the start runs past midnight.
    duty_start = models.TimeField(_("值班开始"), default="08:00")
    duty_end = models.TimeField(_("值班结束"), default="20:00")
    communities = models.ManyToManyField(Community, blank=True, verbose_name=_("服务社区"))
    # A supervisor (督导) assigns needs, reads every case of their communities, gets escalations.
    is_supervisor = models.BooleanField(_("督导"), default=False)
    active = models.BooleanField(_("在岗"), default=True)

    objects = ProfessionalQuerySet.as_manager()

    class Meta:
        verbose_name = _("专业人员")
        verbose_name_plural = _("专业人员")
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name}（{self.get_profession_display()}）"

    def on_duty(self, at=None) -> bool:
        now = timezone.localtime(at).time()
        if self.duty_start <= self.duty_end:
            return self.duty_start <= now < self.duty_end
        return now >= self.duty_start or now < self.duty_end


class Assignment(models.Model):
    """A need offered to one professional; accepted, declined or referred on."""

    need = models.ForeignKey(
        Need, models.CASCADE, related_name="assignments", verbose_name=_("需求")
    )
    professional = models.ForeignKey(
        Professional, models.CASCADE, related_name="assignments", verbose_name=_("专业人员")
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.OFFERED,
    )
    reason = models.CharField(_("推荐理由"), max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("分派人"),
    )
    created_at = models.DateTimeField(_("分派时间"), default=timezone.now)
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("分派")
        verbose_name_plural = _("分派")
        ordering = ["-created_at", "-id"]
        constraints = [
            # At most one live offer per need, so two supervisors cannot both assign it.
            models.UniqueConstraint(
                fields=["need"], condition=Q(status="offered"), name="one_open_offer_per_need"
            )
        ]

    def __str__(self):
        return f"{self.need} → {self.professional}"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CaseStatus.OPEN)


class Case(models.Model):
    """The work on one need by its lead professional and a small group."""

    SCOPE_PATHS = ("need__household__building__", "need__household__")

    need = models.OneToOneField(Need, models.CASCADE, related_name="case", verbose_name=_("需求"))
    lead = models.ForeignKey(
        Professional, models.PROTECT, related_name="cases", verbose_name=_("负责人")
    )
    plan = models.TextField(_("服务计划"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    outcome = models.CharField(_("结果"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("结案说明"), blank=True)
    opened_at = models.DateTimeField(_("开案时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("个案")
        verbose_name_plural = _("个案")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["lead", "status"], name="case_lead_status")]

    def __str__(self):
        return str(self.need)


class Participant(models.Model):
    """Someone in the case's small group: a colleague, a captain, a temporary guardian."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="participants", verbose_name=_("个案")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("账号"),
    )
    name = models.CharField(_("姓名"), max_length=40)
    phone = models.CharField(_("电话"), max_length=20, blank=True)
    role = models.CharField(_("在小组中的角色"), max_length=40)  # 临时监护人, 医生, 楼栋长 …
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("小组成员")
        verbose_name_plural = _("小组成员")
        ordering = ["added_at", "id"]

    def __str__(self):
        return f"{self.name}（{self.role}）"


class CaseNote(models.Model):
    """What a professional learned or did. Seen by the case's professionals and supervisors only."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="notes", verbose_name=_("个案"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("记录人"),
    )
    sensitivity = models.CharField(
        _("敏感程度"), max_length=20, choices=Sensitivity.choices, default=Sensitivity.GENERAL
    )
    text = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("个案记录")
        verbose_name_plural = _("个案记录")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case} · {self.created_at:%m-%d %H:%M}"


class FollowUpQuerySet(models.QuerySet):
    def due(self, day=None):
        return self.filter(done_at__isnull=True, due_on__lte=day or timezone.localdate())


class FollowUp(models.Model):
    case = models.ForeignKey(
        Case, models.CASCADE, related_name="follow_ups", verbose_name=_("个案")
    )
    due_on = models.DateField(_("计划日期"))
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept short and general: what was said goes into a note with its sensitivity.
    summary = models.CharField(_("情况"), max_length=200, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"{self.case} · {self.due_on}"


class CaseEvent(models.Model):
    """The need's and case's timeline: who did what, when. Never the content of a note."""

    need = models.ForeignKey(Need, models.CASCADE, related_name="events", verbose_name=_("需求"))
    kind = models.CharField(_("事件"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.CharField(_("说明"), max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("个案经过")
        verbose_name_plural = _("个案经过")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%m-%d %H:%M}"


class VolunteerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def with_minutes(self, since):
        """Each volunteer's minutes of done tasks: `minutes_total`, and `minutes_since` `since`."""
        done = Q(tasks__status=TaskStatus.DONE)
        return self.annotate(
            minutes_total=Coalesce(Sum("tasks__minutes", filter=done), 0),
            minutes_since=Coalesce(
                Sum("tasks__minutes", filter=done & Q(tasks__done_at__gte=since)), 0
            ),
        )


class Volunteer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="volunteer", verbose_name=_("账号")
    )
    name = models.CharField(_("姓名"), max_length=40)
    community = models.ForeignKey(
        Community, models.CASCADE, related_name="volunteers", verbose_name=_("社区")
    )
    skills = models.JSONField(_("技能"), default=list, blank=True)  # choices.Skill slugs
    availability = models.CharField(_("可服务时间"), max_length=100, blank=True)
    active = models.BooleanField(_("在岗"), default=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def hours(self) -> float:
        """Hours of the volunteer's done tasks, all time."""
        return self.tasks.done().minutes() / 60


def _day_bounds(day):
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=TaskStatus.OPEN)

    def live(self):
        return self.filter(status__in=(TaskStatus.OPEN, TaskStatus.CLAIMED))

    def done(self):
        return self.filter(status=TaskStatus.DONE)

    def unrecorded(self, volunteer):
        """The volunteer's tasks still waiting for their minutes: claimed, or finished
        elsewhere (a bag marked delivered at the hand-out screen) without minutes."""
        waiting = Q(status=TaskStatus.CLAIMED) | Q(status=TaskStatus.DONE, minutes__isnull=True)
        return self.filter(waiting, volunteer=volunteer)

    def in_community(self, community_ids):
        return self.filter(community_id__in=community_ids)

    def minutes(self) -> int:
        return self.aggregate(total=Sum("minutes"))["total"] or 0

    def hours_on(self, community_ids, day) -> float:
        """Hours of volunteer work done on `day` (local date) in these communities."""
        start, end = _day_bounds(day)
        done = self.done().in_community(community_ids)
        return done.filter(done_at__gte=start, done_at__lt=end).minutes() / 60


class VolunteerTask(models.Model):
    """A job on the volunteers' board. Says where and what, never why medically."""

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="volunteer_tasks", verbose_name=_("社区")
    )
    household = models.ForeignKey(
        Household,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="volunteer_tasks",
        verbose_name=_("住户"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=TaskKind.choices)
    title = models.CharField(_("任务"), max_length=100)
    detail = models.TextField(_("说明"), blank=True)
    due_on = models.DateField(_("日期"), default=timezone.localdate)
    status = models.CharField(
        _("状态"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    volunteer = models.ForeignKey(
        Volunteer,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("志愿者"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    done_note = models.CharField(_("完成情况"), max_length=200, blank=True)
    minutes = models.PositiveIntegerField(_("用时（分钟）"), null=True, blank=True)
    # Where the task came from, so a re-run raises it once: "handout:12", "checkcall:34:2026-11-29".
    source_key = models.CharField(max_length=60, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("志愿任务")
        verbose_name_plural = _("志愿任务")
        ordering = ["due_on", "status", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="one_task_per_source"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def skill(self):
        """The skill the task needs (choices.TASK_SKILL), shown on the board."""
        return TASK_SKILL.get(self.kind)

    @property
    def source(self) -> tuple[str, list[str]]:
        """The source key split: ("handout", ["12"]), ("checkcall", ["34", "2026-11-29"])."""
        kind, _sep, rest = self.source_key.partition(":")
        return kind, rest.split(":") if rest else []
