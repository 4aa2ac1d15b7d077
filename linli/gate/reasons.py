"""The Chinese sentence a resident or gatekeeper reads for each refusal."""

from django.utils.translation import gettext as _

from linli.gate.rules import Reason, Refusal


def day(value) -> str:
    return _("%(month)d月%(day)d日") % {"month": value.month, "day": value.day}


def explain(refusal: Refusal, days_between: int = 3) -> str:
    facts = refusal.facts
    if refusal.reason == Reason.TOO_SOON:
        return _("%(days)d天内只能外出一次，下次可外出时间：%(next)s") % {
            "days": days_between,
            "next": day(facts["next"]),
        }
    if refusal.reason == Reason.NOT_THE_DAY:
        return _("不是今天的出门证，可外出日期：%(day)s") % {"day": day(facts["day"])}
    if refusal.reason == Reason.EXPIRED:
        return _("出门证已过期（%(day)s的）") % {"day": day(facts["day"])}
    if refusal.reason == Reason.QUARANTINE:
        return _("这一户正在居家隔离，隔离期间不能外出")
    if refusal.reason == Reason.USED:
        return _("这张出门证已经用过了")
    if refusal.reason == Reason.ALREADY_OUT:
        return _("家里已有人外出还没回来，一次只能一人外出")
    if refusal.reason == Reason.FEVER:
        return _("体温%(t)s°C，达到发热标准，不能外出；已通知社区") % {"t": facts["temperature"]}
    return _("没有今天的出门证")
