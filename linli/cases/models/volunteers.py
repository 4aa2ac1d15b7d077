"""Volunteers and the tasks of their board."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.cases.choices import TASK_SKILL, TaskKind, TaskStatus
from linli.community.models import Community, Household


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
