"""Feedback (民意): a resident's question, complaint or suggestion, answered and
closed by a community worker.

Who reads the texts: the household it came from, the worker of its community,
and a captain who typed it in on a resident's behalf. Not the other captains:
a complaint may well be about them. The street office sees counts only
(`summary.py`).
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.accounts.choices import Role
from linli.community.models import Community, Household, Resident
from linli.notices.choices import FeedbackKind, FeedbackState, Topic


def staff_community_ids(scope) -> set[int]:
    return {m.community_id for m in scope.memberships if m.role == Role.STAFF}


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, scope):
        if scope.is_superuser:
            return self
        return self.filter(
            Q(community_id__in=staff_community_ids(scope))
            | Q(household_id__in=scope.household_ids)
            | Q(created_by=scope.user)
        )

    def open(self):
        return self.exclude(state=FeedbackState.CLOSED)


class Feedback(models.Model):
    SCOPE_PATHS = ("household__building__", "household__")

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="feedback", verbose_name=_("社区")
    )
    household = models.ForeignKey(
        Household, models.CASCADE, related_name="feedback", verbose_name=_("住户")
    )
    resident = models.ForeignKey(
        Resident, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("居民"),
    )  # fmt: skip
    kind = models.CharField(_("类型"), max_length=20, choices=FeedbackKind.choices)
    topic = models.CharField(_("方面"), max_length=20, choices=Topic.choices)
    text = models.TextField(_("内容"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("提交人"),
    )  # fmt: skip
    on_behalf = models.BooleanField(_("代为提交"), default=False)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=FeedbackState.choices, default=FeedbackState.OPEN
    )
    answer = models.TextField(_("回复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("回复人"),
    )  # fmt: skip
    answered_at = models.DateTimeField(_("首次回复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("居民意见")
        verbose_name_plural = _("居民意见")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "created_at"], name="feedback_community_day")]

    def __str__(self):
        return f"{self.get_topic_display()} · {self.text[:20]}"

    def reply(self, text, by, close=False):
        """Answer (again, if need be) and optionally close. The first answer's
        time is kept: it is what "time to answer" measures."""
        with transaction.atomic():
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            now = timezone.now()
            locked.answer, locked.answered_by = text, by
            locked.answered_at = locked.answered_at or now
            if close:
                locked.state, locked.closed_at = FeedbackState.CLOSED, now
            elif locked.state == FeedbackState.OPEN:
                locked.state = FeedbackState.ANSWERED
            locked.save()
        self.refresh_from_db()
