"""Knowledge and activities: 防疫知识 articles for the whole community, and
scheduled online classes and parent-child sessions that residents sign up for.

A sign-up takes a seat of a limited number. Two residents taking the last seat
at once must not both get it: the activity row is locked while the seats are
counted, and a unique constraint keeps a resident to one seat however often
the button is pressed.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.community.models import Community, Resident
from linli.notices.choices import ActivityKind

USER = settings.AUTH_USER_MODEL


class Article(models.Model):
    community = models.ForeignKey(
        Community, models.CASCADE, related_name="articles", verbose_name=_("社区")
    )
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    published = models.BooleanField(_("发布"), default=True)
    author = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("作者")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("防疫知识")
        verbose_name_plural = _("防疫知识")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title


class ActivityFull(Exception):
    """The activity has no seat left."""


class ActivityQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(starts_at__gte=timezone.now() - timedelta(hours=3))


class Activity(models.Model):
    community = models.ForeignKey(
        Community, models.CASCADE, related_name="activities", verbose_name=_("社区")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("介绍"), blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    minutes = models.PositiveSmallIntegerField(_("时长（分钟）"), default=60)
    link = models.URLField(_("线上链接"), blank=True)
    room = models.CharField(_("会议号或地点"), max_length=100, blank=True)
    capacity = models.PositiveSmallIntegerField(_("名额"))
    created_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("发起人")
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title

    def sign_up(self, resident, by) -> "SignUp":
        """Take a seat for `resident`; their existing seat if they have one.
        Raises ActivityFull when the seats are gone."""
        try:
            with transaction.atomic():
                # The lock makes simultaneous sign-ups count the seats one at a time.
                locked = type(self).objects.select_for_update().get(pk=self.pk)
                existing = SignUp.objects.filter(activity=locked, resident=resident).first()
                if existing:
                    return existing
                if SignUp.objects.filter(activity=locked).count() >= locked.capacity:
                    raise ActivityFull
                return SignUp.objects.create(activity=locked, resident=resident, by=by)
        except IntegrityError:
            # The same resident's seat, taken a moment ago by another request.
            return SignUp.objects.get(activity=self, resident=resident)


class SignUp(models.Model):
    SCOPE_PATHS = ("resident__household__building__", "resident__household__")

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="signups", verbose_name=_("活动")
    )
    resident = models.ForeignKey(
        Resident, models.CASCADE, related_name="signups", verbose_name=_("居民")
    )
    by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("报名人")
    )
    at = models.DateTimeField(_("报名时间"), default=timezone.now)

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "resident"], name="signup_one_per_resident")
        ]

    def __str__(self):
        return f"{self.activity} · {self.resident}"
