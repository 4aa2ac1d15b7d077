"""Named choices of health records. Stored values are stable English slugs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    FOREHEAD = "forehead", _("额温")
    ARMPIT = "armpit", _("腋温")
    ORAL = "oral", _("口温")


class Symptom(models.TextChoices):
    FEVER = "fever", _("发热")
    COUGH = "cough", _("咳嗽")
    FATIGUE = "fatigue", _("乏力")
    SHORT_OF_BREATH = "short_of_breath", _("气促")
    DIARRHOEA = "diarrhoea", _("腹泻")
    TASTE_SMELL = "taste_smell", _("味觉或嗅觉减退")


class Channel(models.TextChoices):
    SELF = "self", _("本人填报")
    PROXY = "proxy", _("代填")
    ROUND = "round", _("上门巡查")


class VisitOutcome(models.TextChoices):
    NORMAL = "normal", _("上门查看，情况正常")
    REFERRED = "referred", _("已转诊")
    CATEGORY = "category", _("已分类")


class Category(models.TextChoices):
    CONFIRMED = "confirmed", _("确诊患者")
    SUSPECTED = "suspected", _("疑似患者")
    FEVER = "fever", _("不能排除的发热患者")
    CLOSE_CONTACT = "close_contact", _("密切接触者")
    OBSERVATION = "observation", _("医学观察")
    CLEARED = "cleared", _("已排除")
    RECOVERED = "recovered", _("已康复")
    DECEASED = "deceased", _("已故")


# Wuhan's four categories (四类人员), counted on the dashboard first.
FOUR_CATEGORIES = (Category.CONFIRMED, Category.SUSPECTED, Category.FEVER, Category.CLOSE_CONTACT)


class TransferStage(models.TextChoices):
    REQUESTED = "requested", _("已申请转运")
    ARRANGED = "arranged", _("已安排车辆")
    TRANSFERRED = "transferred", _("已转运")
    DISCHARGED = "discharged", _("已出院")
    RETURNED = "returned", _("已返回")


# Stages after which the person is back home (no longer away).
ENDED_STAGES = (TransferStage.DISCHARGED, TransferStage.RETURNED)


class Destination(models.TextChoices):
    HOSPITAL = "hospital", _("定点医院")
    SHELTER = "shelter", _("方舱医院")
    ISOLATION = "isolation", _("隔离点")


class QuarantineKind(models.TextChoices):
    HOME = "home", _("居家隔离")
    CENTRAL = "central", _("集中隔离")


class FollowUpOutcome(models.TextChoices):
    WELL = "well", _("已见，情况良好")
    UNWELL = "unwell", _("已见，身体不适")
    MISSED = "missed", _("未见到")


SEEN_OUTCOMES = (FollowUpOutcome.WELL, FollowUpOutcome.UNWELL)


class Absence(models.TextChoices):
    """Why a resident is not expected to check in on a day (the sheet greys them)."""

    DECEASED = "deceased", _("已故")
    AWAY = "away", _("在院/隔离点")
