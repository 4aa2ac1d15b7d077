"""Named choices of group buying. Stored values are stable English slugs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupplierKind(models.TextChoices):
    SUPERMARKET = "supermarket", _("超市")
    PHARMACY = "pharmacy", _("药店")


class RoundKind(models.TextChoices):
    GROCERY = "grocery", _("生活物资")
    MEDICINE = "medicine", _("药品")


class RoundState(models.TextChoices):
    OPEN = "open", _("接单中")
    CLOSED = "closed", _("已截单")
    ORDERED = "ordered", _("已下单")
    RECEIVED = "received", _("已到货")
    HANDED_OUT = "handed_out", _("已分发")
    SETTLED = "settled", _("已结清")


# The only forward moves a round makes; staff may also reopen a closed round.
NEXT_STATE = {
    RoundState.OPEN: RoundState.CLOSED,
    RoundState.CLOSED: RoundState.ORDERED,
    RoundState.ORDERED: RoundState.RECEIVED,
    RoundState.RECEIVED: RoundState.HANDED_OUT,
    RoundState.HANDED_OUT: RoundState.SETTLED,
}


class RoundScope(models.TextChoices):
    COMMUNITY = "community", _("全社区")
    COMPOUND = "compound", _("小区")
    BUILDINGS = "buildings", _("指定楼栋")


class Channel(models.TextChoices):
    SELF = "self", _("居民自己下单")
    PROXY = "proxy", _("代办")
    JIELONG = "jielong", _("接龙导入")
    API = "api", _("接口")


class HandoutStatus(models.TextChoices):
    WAITING = "waiting", _("待领取")
    PICKED_UP = "picked_up", _("已自取")
    DELIVERED = "delivered", _("已送上门")


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("未付")
    PAID = "paid", _("已付")
    WAIVED = "waived", _("免单")


class PaymentMethod(models.TextChoices):
    WECHAT = "wechat", _("微信转账")
    CASH = "cash", _("现金")
    NONE = "", _("—")
