"""Needs: requests for help from a household, from any channel, and their timeline.

Triage gives a need a priority and a deadline (response_deadline); the timeline
(CaseEvent) says who did what and when, never what a note says.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.cases.choices import (
    OPEN_NEED_STATUSES,
    Category,
    Channel,
    EventKind,
    NeedStatus,
    Priority,
)
from linli.community.models import Household, Resident

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
