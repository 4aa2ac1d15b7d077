"""Named choices of outbound notices. Stored values are stable English slugs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelName(models.TextChoices):
    EMAIL = "email", _("邮件")
    SMS = "sms", _("短信")
    WECOM = "wecom", _("企业微信群机器人")


class Event(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("通知公告")
    NEED_OVERDUE = "need_overdue", _("需求超时")
    CHAT_URGENT = "chat_urgent", _("群内紧急求助")
    VISIT_TASK = "visit_task", _("上门查看")
    TEST = "test", _("测试消息")


class Status(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
