"""The supervisor dashboard's arithmetic, apart from the database and Django.

Time to first response is measured on needs that had one: from when the need
came in to its first response, never negative (a need entered after a phone
call may carry a first response from the same minute). Needs still waiting
are not in the median, which would flatter it; the dashboard shows them beside
it as the overdue count, and `waiting_minutes` gives the longest wait.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class ResponseStats:
    """Needs that had a first response: how many, the median minutes, the share in time."""

    count: int
    median_minutes: float | None
    on_time: int

    @property
    def on_time_percent(self) -> int | None:
        if not self.count:
            return None
        return round(100 * self.on_time / self.count)


def minutes_between(start: datetime, end: datetime) -> float:
    """Minutes from `start` to `end`, 0 when `end` is not later."""
    return max(0.0, (end - start).total_seconds() / 60)


def median(values) -> float | None:
    values = list(values)
    return float(statistics.median(values)) if values else None


def response_stats(rows, since: datetime | None = None) -> ResponseStats:
    """Rows of (created_at, due_at, first_response_at); those without a response and,
    with `since`, those that came in before it are left out."""
    minutes, on_time = [], 0
    for created, due, responded in rows:
        if responded is None or (since is not None and created < since):
            continue
        minutes.append(minutes_between(created, responded))
        on_time += responded <= due
    return ResponseStats(len(minutes), median(minutes), on_time)


def week_and_all(rows, now: datetime) -> tuple[ResponseStats, ResponseStats]:
    """The stats of needs that came in during the last 7 days, and of all of them."""
    rows = list(rows)
    return response_stats(rows, since=now - WEEK), response_stats(rows)


def hours_minutes(minutes: float | None) -> tuple[int, int] | None:
    """Whole hours and the remaining minutes, rounded to the minute: 125.4 → (2, 5)."""
    if minutes is None:
        return None
    total = round(minutes)
    return total // 60, total % 60


def load_level(open_cases: int, capacity: int) -> str:
    """ "full" at or over capacity (or no capacity), "high" from 80%, otherwise "ok"."""
    if capacity <= 0 or open_cases >= capacity:
        return "full"
    return "high" if open_cases * 5 >= capacity * 4 else "ok"


def waiting_minutes(created: datetime | None, now: datetime) -> float | None:
    """How long the oldest need still waiting for a first response has waited."""
    return None if created is None else minutes_between(created, now)
