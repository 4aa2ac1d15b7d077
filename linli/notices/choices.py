"""Named choices of announcements, feedback and activities. Stored values are
stable English slugs (priorities are small integers so "most urgent first" is a
plain ORDER BY)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reach(models.TextChoices):
    COMMUNITY = "community", _("全社区")
    AREAS = "areas", _("指定片区")
    BUILDINGS = "buildings", _("指定楼栋")


class Priority(models.IntegerChoices):
    NORMAL = 0, _("普通")
    IMPORTANT = 1, _("重要")
    URGENT = 2, _("紧急")


class Told(models.TextChoices):
    """How a resident came to know an announcement."""

    APP = "app", _("在手机上已读")
    PHONE = "phone", _("电话告知")
    DOOR = "door", _("上门告知")


# The ways a captain or worker records on a resident's behalf.
TOLD_BY_HAND = (Told.PHONE, Told.DOOR)


class FeedbackKind(models.TextChoices):
    QUESTION = "question", _("咨询")
    COMPLAINT = "complaint", _("投诉")
    SUGGESTION = "suggestion", _("建议")


class Topic(models.TextChoices):
    SUPPLIES = "supplies", _("物资供应")
    GROUPBUY = "groupbuy", _("团购")
    MEDICAL = "medical", _("就医")
    TRAVEL = "travel", _("出行")
    SANITATION = "sanitation", _("环境卫生")
    POLICY = "policy", _("政策")
    OTHER = "other", _("其他")


class FeedbackState(models.TextChoices):
    OPEN = "open", _("待回复")
    ANSWERED = "answered", _("已回复")
    CLOSED = "closed", _("已办结")


class ActivityKind(models.TextChoices):
    CLASS = "class", _("线上课堂")
    PARENT_CHILD = "parent_child", _("亲子活动")
    TALK = "talk", _("心理疏导")
    OTHER = "other", _("其他")
