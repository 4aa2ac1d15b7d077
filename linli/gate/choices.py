"""Named choices of the gate and disinfection. Stored values are stable English slugs."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from linli.gate.rules import Reason


class RefusalReason(models.TextChoices):
    NO_PASS = Reason.NO_PASS, _("没有今天的出门证")
    NOT_THE_DAY = Reason.NOT_THE_DAY, _("不是出门证上的日期")
    EXPIRED = Reason.EXPIRED, _("出门证已过期")
    USED = Reason.USED, _("出门证已用过")
    ALREADY_OUT = Reason.ALREADY_OUT, _("家里已有人外出未归")
    FEVER = Reason.FEVER, _("体温异常")
    QUARANTINE = Reason.QUARANTINE, _("居家隔离")


class ArrivalKind(models.TextChoices):
    DELIVERY = "delivery", _("快递/送货")
    VISITOR = "visitor", _("来访")


class PlaceKind(models.TextChoices):
    LIFT = "lift", _("电梯")
    STAIRWELL = "stairwell", _("楼道")
    BIN_STATION = "bin_station", _("垃圾站")
    GATE = "gate", _("大门")
    OTHER = "other", _("其他")
