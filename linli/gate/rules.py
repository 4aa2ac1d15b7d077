"""The closed-management rules for going out, as pure functions (no Django).

Each check returns None when the rule is met, or a `Refusal`: a reason code the
gate log keeps and the facts its Chinese message needs.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal


class Reason:
    """Why an exit was refused; the values are stored in GateRefusal.reason."""

    NO_PASS = "no_pass"
    NOT_THE_DAY = "not_the_day"
    EXPIRED = "expired"
    USED = "used"
    ALREADY_OUT = "already_out"
    FEVER = "fever"
    TOO_SOON = "too_soon"
    QUARANTINE = "quarantine"


@dataclass(frozen=True)
class Refusal:
    reason: str
    facts: dict = field(default_factory=dict)


def next_exit_date(last_pass_day: date | None, days_between: int) -> date | None:
    """The first day a household may go out again after the pass of `last_pass_day`."""
    if last_pass_day is None:
        return None
    return last_pass_day + timedelta(days=days_between)


def check_new_pass(
    day: date, other_pass_days: list[date], days_between: int, quarantined: bool = False
) -> Refusal | None:
    """A pass for `day` keeps `days_between` days from every other pass of the household
    (once every 3 days: passes on the 20th and the 23rd, not the 22nd); a household in
    home quarantine gets none."""
    if quarantined:
        return Refusal(Reason.QUARANTINE)
    for other in other_pass_days:
        if abs((day - other).days) < days_between:
            return Refusal(
                Reason.TOO_SOON, {"next": next_exit_date(max(other_pass_days), days_between)}
            )
    return None


def check_exit(
    *,
    today: date,
    pass_day: date,
    pass_spent: bool,
    out_now: int,
    max_out: int,
    temperature: Decimal,
    fever_at: Decimal,
    quarantined: bool = False,
) -> Refusal | None:
    """Whether one member may leave on this pass now. The order is the order a
    gatekeeper checks: the pass first, then the household, then the thermometer."""
    if quarantined:
        return Refusal(Reason.QUARANTINE)
    if pass_day > today:
        return Refusal(Reason.NOT_THE_DAY, {"day": pass_day})
    if pass_day < today:
        return Refusal(Reason.EXPIRED, {"day": pass_day})
    if pass_spent:
        return Refusal(Reason.USED)
    if out_now >= max_out:
        return Refusal(Reason.ALREADY_OUT, {"out": out_now})
    if temperature >= fever_at:
        return Refusal(Reason.FEVER, {"temperature": temperature})
    return None


def is_overdue(out_at: datetime, now: datetime, max_hours: float) -> bool:
    return now - out_at > timedelta(hours=max_hours)


def disinfection_due(last_done: datetime | None, now: datetime, times_per_day: int) -> bool:
    """A place cleaned n times a day is overdue once 24h/n have passed since the last time."""
    if last_done is None:
        return True
    return now - last_done > timedelta(hours=24) / max(times_per_day, 1)


def observation_end(arrival: date, days: int) -> date:
    """The day observation ends: someone arriving on 10 February is watched until 24 February."""
    return arrival + timedelta(days=days)
