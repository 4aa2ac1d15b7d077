"""Named choices of chat-group messages. Stored values are stable English slugs."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from linli.chat import classify


class Kind(models.TextChoices):
    JIELONG = classify.JIELONG, _("接龙")
    NEED = classify.NEED, _("求助")
    CHECKIN = classify.CHECKIN, _("健康打卡")
    OTHER = classify.OTHER_KIND, _("聊天")


class Status(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DISMISSED = "dismissed", _("已忽略")


class AlertKind(models.TextChoices):
    URGENT = "urgent", _("紧急求助提醒")
    ESCALATED = "escalated", _("超时上报督导")
