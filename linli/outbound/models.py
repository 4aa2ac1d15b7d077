"""Outbound notices: one Delivery row per message to one recipient over one channel.

Rows are written in the transaction of the event that causes them (an
announcement published, a need escalated, a visit task opened), so a message is
never lost between the event and the sender; `linli send_outbound` then sends
what is due and retries failures. The unique key (event, object, channel,
recipient) makes a re-run of any of this send nothing twice.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.community.models import Building, Community
from linli.outbound.choices import ChannelName, Event, Status


class WebhookTarget(models.Model):
    """A WeCom group robot: the community's group, or one building's group."""

    community = models.ForeignKey(
        Community, models.CASCADE, related_name="+", verbose_name=_("社区")
    )
    building = models.ForeignKey(
        Building, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("楼栋"), help_text=_("留空表示社区群"),
    )  # fmt: skip
    # Deliveries name the robot, never its URL: the URL's key lets anyone post.
    name = models.CharField(_("名称"), max_length=60, unique=True)
    url = models.URLField(_("机器人地址"), max_length=300)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("群机器人")
        verbose_name_plural = _("群机器人")
        ordering = ["community_id", "building_id", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.building_id and self.building.compound.community_id != self.community_id:
            raise ValidationError({"building": _("这栋楼不在这个社区")})


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(status=Status.PENDING, next_attempt_at__lte=now or timezone.now())

    def of(self, event, obj):
        return self.filter(event=event, object_type=object_type(obj), object_id=obj.pk)


def object_type(obj) -> str:
    return obj._meta.label_lower


class Delivery(models.Model):
    channel = models.CharField(_("渠道"), max_length=10, choices=ChannelName.choices)
    # An e-mail address, a phone number, or a robot's name (WebhookTarget or settings).
    recipient = models.CharField(_("接收方"), max_length=200)
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"))
    # For the robot: phones to @, or ["@all"] for an urgent notice.
    mentions = models.JSONField(default=list, blank=True)
    event = models.CharField(_("事件"), max_length=20, choices=Event.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    # Whose staff see it on the outbound page.
    community = models.ForeignKey(
        Community, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("社区"),
    )  # fmt: skip
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), default=timezone.now)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "object_type", "object_id", "channel", "recipient"],
                name="delivery_once_per_recipient",
            )
        ]
        indexes = [
            # The sender's one query each minute: pending and due.
            models.Index(
                fields=["next_attempt_at"], condition=Q(status="pending"), name="delivery_due"
            ),
            models.Index(fields=["community", "status"], name="delivery_community_status"),
        ]

    def __str__(self):
        return f"{self.get_event_display()} → {self.get_channel_display()}"
