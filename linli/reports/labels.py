"""The report's row labels and sections, shared by the page and the workbook."""

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.cases.choices import Priority
from linli.groupbuy.choices import RoundState
from linli.health.choices import Category
from linli.reports import arith


def _new(label):
    return gettext("新增%(category)s") % {"category": label}


def _round(label):
    return gettext("团购批次：%(state)s") % {"state": label}


_new_lazy = lazy(_new, str)
_round_lazy = lazy(_round, str)

LABELS = {
    "residents": _("应打卡人数"),
    "checked": _("已打卡人数"),
    "coverage": _("打卡率（%）"),
    "abnormal": _("体温或症状异常"),
    **{f"cat_{c}": Category(c).label for c in arith.FOUR},
    **{f"new_{c}": _new_lazy(Category(c).label) for c in arith.FOUR},
    "transfers_requested": _("申请转运"),
    "transfers_transferred": _("已转运"),
    "transfers_returned": _("出院或返回"),
    "quarantine_started": _("开始隔离"),
    "quarantine_released": _("解除隔离"),
    "in_quarantine": _("隔离中"),
    "gate_exits": _("出门人次"),
    "rounds_opened": _("新开团购批次"),
    **{f"rounds_{s}": _round_lazy(RoundState(s).label) for s in arith.ROUND_STATES},
    "needs_open": _("未办结需求"),
    **{f"needs_p{p}": Priority(p).label for p in arith.PRIORITIES},
    "needs_overdue": _("超时未响应"),
    "volunteer_tasks": _("完成志愿任务"),
    "volunteer_hours": _("志愿服务时长（小时）"),
}

SECTIONS = (
    (_("人员与打卡"), ("residents", "checked", "coverage", "abnormal")),
    (_("四类人员"), tuple(f"cat_{c}" for c in arith.FOUR) + tuple(f"new_{c}" for c in arith.FOUR)),
    (_("转运与隔离"), ("transfers_requested", "transfers_transferred", "transfers_returned",
                    "quarantine_started", "quarantine_released", "in_quarantine")),
    (_("出入与团购"), ("gate_exits", "rounds_opened",
                    *(f"rounds_{s}" for s in arith.ROUND_STATES))),
    (_("需求与志愿服务"), ("needs_open", *(f"needs_p{p}" for p in arith.PRIORITIES),
                      "needs_overdue", "volunteer_tasks", "volunteer_hours")),
)  # fmt: skip

TREND_LABELS = {
    "coverage": _("打卡率（%）"),
    "abnormal": _("异常人数"),
    "new_confirmed_suspected": _("新增确诊与疑似"),
    "needs_open": _("未办结需求"),
}
