"""Chat groups linked to a building or a community, and the messages their bots send.

A message is classified on arrival (linli.chat.classify) into a draft: a 接龙,
a need or check-ins. Nothing becomes an order, a need or a check-in until a
person confirms the draft in the inbox (linli.chat.drafts). A draft that triage
screens as P1 is urgent while it waits: the community is told at once and again
when it waits past the P1 deadline (linli.chat.alerts, ChatAlert).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.accounts.choices import Role
from linli.api.keys import hash_secret, new_secret, prefix_of
from linli.cases.choices import Priority
from linli.chat.choices import AlertKind, Kind, Status
from linli.community.models import Building, Community

MAX_TEXT = 20000


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class ChatGroupQuerySet(models.QuerySet):
    def for_inbox(self, scope):
        """Groups whose drafts this user confirms: staff of the group's community,
        captains of its building, area leaders of the building's area."""
        if scope.is_superuser:
            return self
        staff = {m.community_id for m in scope.memberships if m.role == Role.STAFF}
        condition = Q(community_id__in=staff)
        if scope.building_ids:
            condition |= Q(building_id__in=scope.building_ids)
        if scope.area_ids:
            condition |= Q(building__area_id__in=scope.area_ids)
        return self.filter(condition)


class ChatGroup(models.Model):
    name = models.CharField(_("群名"), max_length=100)
    # What the bot sends as `group`: the chat app's own id of the group.
    external_id = models.CharField(_("群标识"), max_length=100, unique=True)
    community = models.ForeignKey(
        Community, models.CASCADE, related_name="chat_groups", verbose_name=_("社区")
    )
    building = models.ForeignKey(
        Building, models.CASCADE, null=True, blank=True, related_name="chat_groups",
        verbose_name=_("楼栋"), help_text=_("空：全社区的群。"),
    )  # fmt: skip
    # The bot's own bearer secret, kept only as its hash (as API tokens are).
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(_("令牌开头"), max_length=16, editable=False)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    objects = ChatGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("群聊")
        verbose_name_plural = _("群聊")
        ordering = ["community", "name", "id"]

    def __str__(self):
        return self.name

    def new_token(self) -> str:
        """A new bot secret (the old one stops working); shown once, never stored."""
        secret = new_secret()
        self.token_hash, self.token_prefix = hash_secret(secret), prefix_of(secret)
        return secret

    @classmethod
    def find(cls, secret) -> "ChatGroup | None":
        if not secret:
            return None
        return cls.objects.filter(token_hash=hash_secret(secret)).first()


class ChatMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Status.PENDING)

    def drafts(self):
        """Pending messages that hold something to confirm (not talk)."""
        return self.pending().exclude(kind=Kind.OTHER)

    def urgent(self):
        """Pending P1 drafts: confirmed (the Need takes over) or dismissed, they stop being."""
        return self.pending().filter(priority=Priority.P1)


class ChatMessage(models.Model):
    group = models.ForeignKey(
        ChatGroup, models.CASCADE, related_name="messages", verbose_name=_("群聊")
    )
    sender = models.CharField(_("发送人"), max_length=100)
    text = models.TextField(_("内容"), max_length=MAX_TEXT)
    text_hash = models.CharField(max_length=64, editable=False)
    sent_at = models.DateTimeField(_("发送时间"))
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # What the classifier read, as JSON: the readings of a health report, the
    # category and priority of a need, the number of 接龙 entries.
    draft = models.JSONField(_("草稿"), default=dict, blank=True)
    crisis = models.BooleanField(_("危机"), default=False)
    # Triage's screen of the text on arrival; P1 makes the draft urgent. The Need a
    # confirmation makes is screened again and its own triage is what counts.
    priority = models.PositiveSmallIntegerField(
        _("优先级"), choices=Priority.choices, default=Priority.P4
    )
    reasons = models.JSONField(_("分级理由"), default=list, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("确认人"),
    )  # fmt: skip
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    # What the confirmation made: a model label and a pk ("cases.need", "12").
    result_model = models.CharField(max_length=60, blank=True)
    result_pk = models.CharField(max_length=40, blank=True)

    objects = ChatMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("群消息")
        verbose_name_plural = _("群消息")
        ordering = ["-crisis", "sent_at", "id"]
        constraints = [
            # A bot that re-sends a message (after a timeout, a restart) adds nothing.
            models.UniqueConstraint(
                fields=["group", "sender", "sent_at", "text_hash"], name="chat_message_once"
            )
        ]
        indexes = [models.Index(fields=["group", "status"], name="chat_message_inbox")]

    def __str__(self):
        return f"{self.sender}: {self.text[:30]}"

    @property
    def is_urgent(self) -> bool:
        return self.status == Status.PENDING and self.priority == Priority.P1


class ChatAlert(models.Model):
    """What the community was told of an urgent draft, and when: at once on arrival,
    and once more when it waited unconfirmed past the P1 deadline. The row is also
    what its outbound deliveries belong to, so each alert is queued once."""

    message = models.ForeignKey(
        ChatMessage, models.CASCADE, related_name="alerts", verbose_name=_("群消息")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=AlertKind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("紧急提醒")
        verbose_name_plural = _("紧急提醒")
        ordering = ["at", "id"]
        constraints = [
            # Two escalation runs at once, or a bot re-sending: one alert of each kind.
            models.UniqueConstraint(fields=["message", "kind"], name="chat_alert_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%m-%d %H:%M}"
