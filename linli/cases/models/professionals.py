"""Professionals who take cases, and the offers (assignments) of needs to them."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.cases.choices import AssignmentStatus, CaseStatus, Profession
from linli.cases.models.needs import Need
from linli.community.models import Community


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
