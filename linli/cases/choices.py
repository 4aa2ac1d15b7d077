"""Named choices of needs, cases and volunteers. Stored values are stable English slugs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    MEDICINE = "medicine", _("买药")
    MEDICAL = "medical", _("就医咨询")
    PSYCH = "psych", _("心理疏导")
    ELDER_CARE = "elder_care", _("照顾老人")
    CHILD_CARE = "child_care", _("照顾孩子")
    SUPPLIES = "supplies", _("生活物资")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    RESIDENT = "resident", _("居民自己提交")
    PHONE = "phone", _("电话代办")
    CHAT = "chat", _("群聊转入")
    VISIT = "visit", _("上门发现")
    FLOW = "flow", _("系统发现")


class Priority(models.IntegerChoices):
    P1 = 1, _("P1 紧急")
    P2 = 2, _("P2 尽快")
    P3 = 3, _("P3 当天")
    P4 = 4, _("P4 一般")


class NeedStatus(models.TextChoices):
    NEW = "new", _("待分派")
    OFFERED = "offered", _("等待接案")
    ACTIVE = "active", _("处理中")
    CLOSED = "closed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_NEED_STATUSES = (NeedStatus.NEW, NeedStatus.OFFERED, NeedStatus.ACTIVE)


class Profession(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("社工")
    PSYCHOLOGIST = "psychologist", _("心理咨询师")
    DOCTOR = "doctor", _("医生")
    COUNSELLOR = "counsellor", _("志愿咨询员")


class Specialty(models.TextChoices):
    CRISIS = "crisis", _("危机干预")
    EMOTION = "emotion", _("情绪疏导")
    GRIEF = "grief", _("哀伤辅导")
    ELDERLY = "elderly", _("老年照护")
    CHILDREN = "children", _("儿童与家庭")
    CHRONIC = "chronic", _("慢病用药")
    MEDICAL = "medical", _("医疗咨询")
    DISABILITY = "disability", _("残障支持")
    RESOURCES = "resources", _("生活物资与资源链接")


class AssignmentStatus(models.TextChoices):
    OFFERED = "offered", _("待接受")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("已拒绝")
    REFERRED = "referred", _("已转介")


class Sensitivity(models.TextChoices):
    GENERAL = "general", _("一般")
    MEDICAL = "medical", _("医疗")
    PSYCHOLOGICAL = "psychological", _("心理")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结案")


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("问题已解决")
    REFERRED_OUT = "referred_out", _("已转介其他机构")
    HOSPITAL = "hospital", _("已送医")
    STABLE = "stable", _("情况稳定，无需继续")
    DECLINED = "declined", _("居民不再需要")
    UNREACHABLE = "unreachable", _("联系不上")


class EventKind(models.TextChoices):
    OPENED = "opened", _("立案")
    OFFERED = "offered", _("分派")
    ACCEPTED = "accepted", _("接案")
    DECLINED = "declined", _("拒绝接案")
    REFERRED = "referred", _("转介")
    ESCALATED = "escalated", _("超时上报")
    # Community staff reached the resident themselves (a need kept from professionals).
    RESPONDED = "responded", _("已联系")
    PARTICIPANT = "participant", _("加入小组")
    LEFT = "left", _("退出小组")
    NOTE = "note", _("写记录")
    SCHEDULED = "scheduled", _("安排回访")
    FOLLOWED_UP = "followed_up", _("完成回访")
    PLAN = "plan", _("更新计划")
    CLOSED = "closed", _("结案")
    REOPENED = "reopened", _("重新开案")
    WITHDRAWN = "withdrawn", _("撤回")


class Skill(models.TextChoices):
    DELIVERY = "delivery", _("送货上门")
    DISINFECTION = "disinfection", _("消杀")
    BEFRIENDING = "befriending", _("电话陪伴")
    TUTORING = "tutoring", _("辅导功课")
    VISITING = "visiting", _("探访")


class TaskKind(models.TextChoices):
    DELIVERY = "delivery", _("送货上门")
    MEDICINE = "medicine", _("送药")
    DISINFECTION = "disinfection", _("消杀")
    VISIT = "visit", _("探访")
    CHECK_CALL = "check_call", _("每日电话问候")


# The skill a volunteer needs for each kind of task (shown on the board, used to suggest).
TASK_SKILL = {
    TaskKind.DELIVERY: Skill.DELIVERY,
    TaskKind.MEDICINE: Skill.DELIVERY,
    TaskKind.DISINFECTION: Skill.DISINFECTION,
    TaskKind.VISIT: Skill.VISITING,
    TaskKind.CHECK_CALL: Skill.BEFRIENDING,
}


class TaskStatus(models.TextChoices):
    OPEN = "open", _("待认领")
    CLAIMED = "claimed", _("已认领")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已取消")
