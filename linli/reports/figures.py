"""Counting a day's figures for many communities at once.

`count(communities, day)` answers {community id: figures} (the keys of
arith.KEYS) with ten grouped queries whatever the number of communities or
residents: one per source table, GROUP BY community. The day is the local day
(Asia/Shanghai): timestamps are compared with its start and end.

Counts "as of the end of the day" (categories, quarantine, open needs) are
derived from timestamps, so a past day counted late still gives that day's
figures; only the registry of residents and round states are today's (no
history is kept of them), which is why the evening's report is stored
(DailyReport). Who of the residents was expected to check in (not dead, not
away in a transfer or a centralised quarantine) is judged at the end of the day too.
"""

from datetime import datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from linli.cases.choices import OPEN_NEED_STATUSES, TaskStatus
from linli.cases.models import Need, VolunteerTask
from linli.community.models import Resident
from linli.gate.models import Trip
from linli.groupbuy.models import Round
from linli.health.choices import ENDED_STAGES
from linli.health.coverage import expected, expected_to_check_in
from linli.health.models import CategoryEntry, CheckIn, Quarantine, Transfer
from linli.reports import arith

# How a household-owned row reaches its community.
VIA_HOUSEHOLD = "household__building__compound__community_id"


def day_bounds(day):
    """The local day as [start, end) aware datetimes."""
    tz = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)


def _grouped(queryset, path, ids, **counts):
    """[(community id, row)] of one GROUP BY community query."""
    rows = queryset.filter(**{f"{path}__in": ids}).order_by().values(path).annotate(**counts)
    return [(row.pop(path), row) for row in rows]


def _in(field, start, end):
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def count(communities, day, now=None) -> dict[int, dict[str, int]]:
    """{community id: the day's figures} for `communities` (a queryset or ids)."""
    db = getattr(communities, "db", "default")
    ids = list(communities.values_list("pk", flat=True)) if hasattr(communities, "values_list") \
        else list(communities)  # fmt: skip
    out = {pk: arith.empty() for pk in ids}
    if not ids:
        return out
    start, end = day_bounds(day)
    # "Overdue" is judged at the end of a past day, or now on today.
    as_of = min(now or timezone.now(), end)

    def add(rows):
        for pk, row in rows:
            for key, value in row.items():
                out[pk][key] += value or 0

    def objects(model):
        return model.objects.using(db)

    # "residents" are those expected to check in (not the dead, not those away
    # in hospital or an isolation point), the same definition as the buildings'
    # coverage; the sets of the dead and away are those of these communities.
    here = {f"{VIA_HOUSEHOLD}__in": ids}
    add(_grouped(expected_to_check_in(objects(Resident), day), VIA_HOUSEHOLD, ids,
                 residents=Count("pk")))  # fmt: skip
    add(_grouped(objects(CheckIn).filter(date=day), VIA_HOUSEHOLD, ids,
                 checked=Count("pk", filter=expected(day, "resident", within=here)),
                 abnormal=Count("pk", filter=Q(abnormal=True))))  # fmt: skip
    _categories(objects(CategoryEntry), ids, start, end, out)
    add(_grouped(
        objects(Transfer).filter(_in("requested_at", start, end) | _in("transferred_at", start, end)
                                 | _in("ended_at", start, end)),
        VIA_HOUSEHOLD, ids,
        transfers_requested=Count("pk", filter=_in("requested_at", start, end)),
        transfers_transferred=Count("pk", filter=_in("transferred_at", start, end)),
        transfers_returned=Count(
            "pk", filter=_in("ended_at", start, end) & Q(stage__in=ENDED_STAGES)),
    ))  # fmt: skip
    add(_grouped(
        objects(Quarantine).filter(start__lte=day).filter(
            Q(released_at__isnull=True) | Q(released_at__gte=start)),
        VIA_HOUSEHOLD, ids,
        # People, not rows: a resident may hold two quarantines at once (a double
        # tap, home then central), and release() expects that.
        quarantine_started=Count("resident", distinct=True, filter=Q(start=day)),
        quarantine_released=Count("resident", distinct=True, filter=Q(released_at__lt=end)),
        in_quarantine=Count("resident", distinct=True,
                            filter=Q(released_at__isnull=True) | Q(released_at__gte=end)),
    ))  # fmt: skip
    add(_grouped(objects(Trip).filter(out_at__gte=start, out_at__lt=end), VIA_HOUSEHOLD, ids,
                 gate_exits=Count("pk")))  # fmt: skip
    _rounds(objects(Round), ids, start, end, out)
    _needs(objects(Need), ids, end, as_of, out)
    add(_grouped(
        objects(VolunteerTask).filter(status=TaskStatus.DONE, done_at__gte=start, done_at__lt=end),
        "community_id", ids,
        volunteer_tasks=Count("pk"), volunteer_minutes=Sum("minutes"),
    ))  # fmt: skip
    return out


def _categories(entries, ids, start, end, out):
    """Each resident's category at the end of the day, from their history (the
    latest entry before that moment), and the new cases of the day: residents
    with an entry of a category they were not in at the start of the day, each
    once however many entries were written (a correction, a visit confirming it)."""
    recorded_before = entries.filter(recorded_at__lt=end)

    def latest_before(moment, field="pk"):
        return Subquery(
            entries.filter(resident=OuterRef("resident"), recorded_at__lt=moment)
            .order_by("-recorded_at", "-id")
            .values(field)[:1]
        )

    # "" when there was no entry yet: NULL would make the comparison unknown.
    at_start = Coalesce(latest_before(start, "category"), Value(""))

    rows = (
        recorded_before.filter(**{f"{VIA_HOUSEHOLD}__in": ids}, category__in=arith.FOUR)
        .order_by()
        .values(VIA_HOUSEHOLD, "category")
        .annotate(
            current=Count("pk", filter=Q(pk=latest_before(end))),
            new=Count(
                "resident", distinct=True, filter=Q(recorded_at__gte=start) & ~Q(category=at_start)
            ),
        )
    )
    for row in rows:
        figures = out[row[VIA_HOUSEHOLD]]
        figures[f"cat_{row['category']}"] += row["current"]
        figures[f"new_{row['category']}"] += row["new"]


def _rounds(rounds, ids, start, end, out):
    rows = (
        rounds.filter(community_id__in=ids, opens_at__lt=end)
        .order_by()
        .values("community_id", "state")
        .annotate(n=Count("pk"), opened=Count("pk", filter=Q(opens_at__gte=start)))
    )
    for row in rows:
        figures = out[row["community_id"]]
        figures["rounds_opened"] += row["opened"]
        if row["state"] in arith.ROUND_STATES:
            figures[f"rounds_{row['state']}"] += row["n"]


def _needs(needs, ids, end, as_of, out):
    # Open at the end of the day: still open now, or closed only after it.
    open_then = needs.filter(created_at__lt=end).filter(
        Q(status__in=OPEN_NEED_STATUSES) | Q(closed_at__gte=end)
    )
    waiting = Q(first_response_at__isnull=True) | Q(first_response_at__gte=as_of)
    rows = (
        open_then.filter(**{f"{VIA_HOUSEHOLD}__in": ids})
        .order_by()
        .values(VIA_HOUSEHOLD, "priority")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=waiting & Q(due_at__lt=as_of)))
    )
    for row in rows:
        figures = out[row[VIA_HOUSEHOLD]]
        figures[f"needs_p{row['priority']}"] += row["n"]
        figures["needs_overdue"] += row["overdue"]
