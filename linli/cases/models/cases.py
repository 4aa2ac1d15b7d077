"""Cases: the work on one need, its small group, its confidential notes and follow-ups.

Case notes are confidential: see access.py for who sees what.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.cases.choices import CaseStatus, Outcome, Sensitivity
from linli.cases.models.needs import Need
from linli.cases.models.professionals import Professional


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
