"""Feedback figures by topic and week for the street office: counts only.

Plain Python, no Django, so the arithmetic is property-tested on its own. Input
rows are (topic, created_at, answered_at or None, closed: bool).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median


def week_of(moment: datetime) -> date:
    """The Monday of the week `moment` falls in (local dates in, local dates out)."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


@dataclass
class Figures:
    total: int = 0
    open: int = 0
    closed: int = 0
    hours_to_answer: list = field(default_factory=list)

    def add(self, created_at, answered_at, closed):
        self.total += 1
        self.closed += bool(closed)
        self.open += not closed
        if answered_at is not None:
            self.hours_to_answer.append((answered_at - created_at).total_seconds() / 3600)

    @property
    def median_hours(self) -> float | None:
        return round(median(self.hours_to_answer), 1) if self.hours_to_answer else None


def summarise(rows):
    """{(week, topic): Figures} and {topic: Figures} over all weeks."""
    by_week = defaultdict(Figures)
    by_topic = defaultdict(Figures)
    for topic, created_at, answered_at, closed in rows:
        by_week[(week_of(created_at), topic)].add(created_at, answered_at, closed)
        by_topic[topic].add(created_at, answered_at, closed)
    return dict(by_week), dict(by_topic)
