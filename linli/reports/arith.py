"""The daily report's arithmetic: changes, percentages, roll-up sums, trend series.

Plain Python on dicts of counts, no Django: a day's figures are a flat
{key: int} (what figures.py counts and DailyReport stores), and everything
shown on top of them is derived here, so a roll-up is a plain sum and its
percentages are recomputed from the summed counts, never averaged.
"""

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

# The four categories (四类人员) as stored in the health history.
FOUR = ("confirmed", "suspected", "fever", "close_contact")
PRIORITIES = (1, 2, 3, 4)
# Round states counted on the report: the ones still in progress.
ROUND_STATES = ("open", "closed", "ordered", "received", "handed_out")

# Every stored count, in the report's fixed order (the .xlsx rows follow it).
KEYS = (
    "residents",
    "checked",
    "abnormal",
    *(f"cat_{c}" for c in FOUR),
    *(f"new_{c}" for c in FOUR),
    "transfers_requested",
    "transfers_transferred",
    "transfers_returned",
    "quarantine_started",
    "quarantine_released",
    "in_quarantine",
    "gate_exits",
    "rounds_opened",
    *(f"rounds_{s}" for s in ROUND_STATES),
    *(f"needs_p{p}" for p in PRIORITIES),
    "needs_overdue",
    "volunteer_tasks",
    "volunteer_minutes",
)


def empty() -> dict[str, int]:
    return dict.fromkeys(KEYS, 0)


def complete(figures: Mapping[str, int] | None) -> dict[str, int]:
    """Every key present: a snapshot stored before a key was added reads as 0 for it."""
    return {**empty(), **{k: v for k, v in (figures or {}).items() if k in KEYS}}


def percent(part: int, whole: int) -> float:
    """Share in percent with one decimal; 0 of 0 is 0 (nobody to check in)."""
    return round(100 * part / whole, 1) if whole else 0.0


def hours(minutes: int) -> float:
    return round(minutes / 60, 1)


def derived(figures: Mapping[str, int]) -> dict[str, float | int]:
    """The figures plus what is computed from them: coverage, open needs, hours."""
    f = complete(figures)
    return {
        **f,
        "coverage": percent(f["checked"], f["residents"]),
        "needs_open": sum(f[f"needs_p{p}"] for p in PRIORITIES),
        "rounds_active": sum(f[f"rounds_{s}"] for s in ROUND_STATES),
        "volunteer_hours": hours(f["volunteer_minutes"]),
    }


def changes(today: Mapping, previous: Mapping | None) -> dict[str, float | int | None]:
    """today − previous for each derived figure; None when there is no previous day."""
    now = derived(today)
    if previous is None:
        return dict.fromkeys(now)
    before = derived(previous)
    return {k: round(now[k] - before[k], 1) if isinstance(now[k], float) else now[k] - before[k]
            for k in now}  # fmt: skip


def rollup(many: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The sum of several communities' stored figures, key by key."""
    total = empty()
    for figures in many:
        for key, value in complete(figures).items():
            total[key] += value
    return total


def days_back(day: date, n: int) -> list[date]:
    """The n days ending with `day`, oldest first."""
    return [day - timedelta(days=n - 1 - i) for i in range(n)]


# The lines of the trend charts: (key, how to read it from derived figures).
TREND_LINES = ("coverage", "abnormal", "new_confirmed_suspected", "needs_open")


def trend_point(figures: Mapping[str, int] | None) -> dict[str, float | int] | None:
    if figures is None:
        return None
    d = derived(figures)
    return {
        "coverage": d["coverage"],
        "abnormal": d["abnormal"],
        "new_confirmed_suspected": d["new_confirmed"] + d["new_suspected"],
        "needs_open": d["needs_open"],
    }


def series(days: list[date], by_day: Mapping[date, Mapping | None]) -> dict[str, list]:
    """{line: [value or None per day]}: a day without figures is a gap, not a zero."""
    points = [trend_point(by_day.get(d)) for d in days]
    return {line: [p[line] if p else None for p in points] for line in TREND_LINES}
