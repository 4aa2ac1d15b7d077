"""The evening's daily report, kept: one row of figures per community and day."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.community.models import Community


class DailyReportQuerySet(models.QuerySet):
    def figures(self, community_ids, days) -> dict[tuple[int, object], dict]:
        """{(community id, date): figures} of the stored reports among those asked for."""
        rows = self.filter(community_id__in=community_ids, date__in=days).values_list(
            "community_id", "date", "figures"
        )
        return {(c, d): f for c, d, f in rows}


class DailyReport(models.Model):
    """A community's figures for one day (see linli.reports.arith.KEYS), as counted
    that evening: past days then read what staff saw, and trends are one query."""

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="daily_reports", verbose_name=_("社区")
    )
    date = models.DateField(_("日期"))
    figures = models.JSONField(_("数据"), default=dict)
    generated_at = models.DateTimeField(_("生成时间"), default=timezone.now)

    objects = DailyReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("日报")
        verbose_name_plural = _("日报")
        ordering = ["-date", "community_id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "date"], name="daily_report_one_per_day")
        ]

    def __str__(self):
        return f"{self.community} {self.date}"
