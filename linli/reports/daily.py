"""The daily report: today's figures counted live, past days read from the evening's
snapshot (counted when there is none), trends, and the snapshot job itself."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from linli.reports import arith, figures
from linli.reports.models import DailyReport

TREND_DAYS = 14


def _ids(communities) -> list[int]:
    if hasattr(communities, "values_list"):
        return list(communities.values_list("pk", flat=True))
    return [getattr(c, "pk", c) for c in communities]


def figures_by_day(community_ids, days, today=None, db="default") -> dict[date, dict[int, dict]]:
    """{day: {community id: figures}}. One query for every snapshot asked for, then
    the grouped counts of figures.count for today and for each day left without one."""
    today = today or timezone.localdate()
    stored = DailyReport.objects.using(db).figures(community_ids, [d for d in days if d < today])
    out = {}
    for day in days:
        if day > today:
            out[day] = {}
            continue
        kept = {c: arith.complete(stored[c, day]) for c in community_ids if (c, day) in stored}
        missing = [c for c in community_ids if c not in kept]
        if missing:
            kept.update(figures.count(_using(missing, db), day))
        out[day] = kept
    return out


def _using(ids, db):
    from linli.community.models import Community

    return Community.objects.using(db).filter(pk__in=ids)


@dataclass
class Report:
    """What a page or a workbook shows for some communities on a day."""

    day: date
    communities: list  # Community objects, in display order
    per_community: dict  # {community id: figures}
    previous: dict  # {community id: figures of the day before}
    trend_days: list
    trend: dict  # {line: [value or None per day]}, summed over the communities

    @property
    def total(self) -> dict:
        return arith.rollup(self.per_community.values())

    @property
    def total_previous(self) -> dict:
        return arith.rollup(self.previous.values())

    def rows(self, figures_=None, previous=None) -> list[tuple[str, float | int, object]]:
        """(key, value, change) in the fixed order of the report."""
        now = arith.derived(figures_ if figures_ is not None else self.total)
        delta = arith.changes(now, previous if previous is not None else self.total_previous)
        return [(key, now[key], delta[key]) for key in ROW_KEYS]

    def community_rows(self):
        return [(c, arith.derived(self.per_community.get(c.pk, {}))) for c in self.communities]


# The rows of the report, in the fixed order of the page and the .xlsx.
ROW_KEYS = (
    "residents", "checked", "coverage", "abnormal",
    *(f"cat_{c}" for c in arith.FOUR), *(f"new_{c}" for c in arith.FOUR),
    "transfers_requested", "transfers_transferred", "transfers_returned",
    "quarantine_started", "quarantine_released", "in_quarantine",
    "gate_exits",
    "rounds_opened", *(f"rounds_{s}" for s in arith.ROUND_STATES),
    "needs_open", *(f"needs_p{p}" for p in arith.PRIORITIES), "needs_overdue",
    "volunteer_tasks", "volunteer_hours",
)  # fmt: skip


def build(communities, day, today=None, trend_days=TREND_DAYS) -> Report:
    """The report of `communities` (a list, in order) on `day`, with its trend."""
    communities = list(communities)
    ids = [c.pk for c in communities]
    db = communities[0]._state.db if communities else "default"
    days = arith.days_back(day, trend_days)
    # The day before the trend's first day is only needed for the day's change.
    by_day = figures_by_day(ids, [day - timedelta(days=1), *days], today, db)
    summed = {d: (arith.rollup(by_day[d].values()) if by_day[d] else None) for d in days}
    return Report(
        day=day,
        communities=communities,
        per_community=by_day[day],
        previous=by_day[day - timedelta(days=1)],
        trend_days=days,
        trend=arith.series(days, summed),
    )


def snapshot(communities, day) -> int:
    """Count `day` for each community and store it, replacing what was stored.
    Safe to re-run: one row per community and day (the unique constraint)."""
    counted = figures.count(communities, day)
    db = getattr(communities, "db", "default")
    now = timezone.now()
    rows = [DailyReport(community_id=c, date=day, figures=f, generated_at=now)
            for c, f in counted.items()]  # fmt: skip
    with transaction.atomic(using=db):
        DailyReport.objects.using(db).bulk_create(
            rows, batch_size=500, update_conflicts=True,
            unique_fields=["community", "date"], update_fields=["figures", "generated_at"],
        )  # fmt: skip
    return len(rows)
