"""Named choices of the registry. Stored values are stable English slugs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "m", _("男")
    FEMALE = "f", _("女")
    UNKNOWN = "", _("未填")


class Relation(models.TextChoices):
    HEAD = "head", _("户主")
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    GRANDCHILD = "grandchild", _("孙子女")
    SIBLING = "sibling", _("兄弟姐妹")
    TENANT = "tenant", _("租户")
    OTHER = "other", _("其他")


class Tag(models.TextChoices):
    ELDERLY_ALONE = "elderly_alone", _("独居老人")
    ELDERLY_70 = "elderly_70", _("70岁以上老人")
    CHRONIC = "chronic", _("慢性病")
    DISABILITY = "disability", _("残疾")
    PREGNANT = "pregnant", _("孕妇")
    CHILD = "child", _("14岁以下儿童")
    MEDICAL_FAMILY = "medical_family", _("医护人员家属")
    NO_SMARTPHONE = "no_smartphone", _("无智能手机")
    QUARANTINE = "quarantine", _("居家隔离中")


# Tags that put a household first in line for doorstep help and fair shares.
PRIORITY_TAGS = frozenset({Tag.ELDERLY_ALONE, Tag.CHRONIC, Tag.MEDICAL_FAMILY})
