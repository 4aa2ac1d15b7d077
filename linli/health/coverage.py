"""Daily coverage: how many residents of each building checked in on a day.

Four queries whatever the number of buildings or households: the buildings,
residents per building, check-ins per building, open visit tasks per building.

Only the residents expected to check in count (`expected_to_check_in`): not the dead, not
those away in hospital, a 方舱 or an isolation point, nor those in a centralised
quarantine. Their check-ins of the day
(one taken in the morning before an afternoon transfer) are still counted as
abnormal readings, but not as "checked", so coverage never passes 100 %.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from linli.community.models import Resident
from linli.health.choices import Absence, Category, QuarantineKind
from linli.health.models import CategoryEntry, CheckIn, Quarantine, Transfer, VisitTask


def end_of(day):
    """The first moment after the local `day`."""
    return timezone.make_aware(
        datetime.combine(day + timedelta(days=1), time.min), timezone.get_default_timezone()
    )


def _away(end):
    return Transfer.objects.away_at(end)


def _dead(end):
    return CategoryEntry.objects.standing_at(end).filter(category=Category.DECEASED)


def _isolated(day, end):
    """Centralised quarantines (集中隔离) the person was in on `day`: started by
    then and not released before its end. The isolation point, not the
    community, takes their temperature. Home quarantine is not here."""
    return Quarantine.objects.filter(kind=QuarantineKind.CENTRAL, start__lte=day).filter(
        Q(released_at__isnull=True) | Q(released_at__gte=end)
    )


def _is_dead(end):
    return Exists(_dead(end).filter(resident=OuterRef("pk")))


def _is_away(day, end):
    # In a transfer or at an isolation point: one condition, so someone in
    # both is away once.
    return Exists(_away(end).filter(resident=OuterRef("pk"))) | Exists(
        _isolated(day, end).filter(resident=OuterRef("pk"))
    )


def expected_to_check_in(residents, day):
    """`residents` (a Resident queryset) less those not expected to check in on
    `day`: the dead, those away in a transfer and those in a centralised
    quarantine, all as of the end of the day, so a past day gives the same
    answer later and someone back home that day counts again. Home quarantine
    does not matter: those people check in like everyone else.

    NOT EXISTS, which PostgreSQL plans as anti-joins from the building's
    households; a NOT IN here made it scan every resident of the city."""
    end = end_of(day)
    # Not away, written as two NOT EXISTS rather than NOT (a OR b): the same
    # people, but PostgreSQL can only turn the separate ones into anti-joins;
    # the OR it evaluated row by row (a district's residents: 650 ms to 160 ms).
    away = _away(end).filter(resident=OuterRef("pk"))
    isolated = _isolated(day, end).filter(resident=OuterRef("pk"))
    return residents.filter(~Exists(away), ~Exists(isolated), ~_is_dead(end))


def expected(day, resident="resident", within=None) -> Q:
    """The same people as `expected_to_check_in`, as a condition on a row's
    `resident` (a check-in's) for an aggregate's filter: NOT IN over the small
    sets, which the database builds and hashes once, where a correlated
    subquery per check-in would be probed a million times in a district.

    `within` (lookups on a resident, e.g. {"household__building__in": ...})
    keeps those sets to the buildings or communities being counted rather than
    the whole city's dead and away. On the resident's home, not on the row's
    own household: a resident moved since keeps their transfer."""
    end = end_of(day)
    sets = (_away(end), _isolated(day, end), _dead(end))
    narrow = {f"resident__{lookup}": value for lookup, value in (within or {}).items()}
    condition = Q()
    for rows in sets:
        ids = rows.filter(**narrow).values("resident_id")
        condition &= ~Q(**{f"{resident}__in": ids})
    return condition


def away_from_home(residents, day):
    """Living `residents` away in a transfer or at an isolation point at the
    end of `day` (the missing list's "另有 N 人在院/隔离点")."""
    end = end_of(day)
    return residents.filter(_is_away(day, end), ~_is_dead(end))


def not_expected(residents, day) -> dict[int, Absence]:
    """{resident id: why} for those of `residents` not expected to check in on
    `day`: the complement of `expected_to_check_in`, so the sheet, the entry
    paths and the counts cannot disagree. One query."""
    end = end_of(day)
    rows = (
        residents.exclude(pk__in=expected_to_check_in(residents, day).values("pk"))
        .annotate(dead=_is_dead(end))
        .order_by()
        .values_list("pk", "dead")
    )
    return {pk: Absence.DECEASED if dead else Absence.AWAY for pk, dead in rows}


def not_expected_among(ids, day) -> dict[int, Absence]:
    """`not_expected` for residents by id, cheap in the usual case: one plain
    query finds those with any transfer, centralised quarantine or death on
    record (a superset), and only they go through the full rule. The check-in
    API asks this on every request; the full rule's nested subqueries take
    milliseconds to compile, where nearly every resident has none of these."""
    ids = list(ids)
    if not ids:
        return {}
    candidates = _with_absence_records(ids)
    if not candidates:
        return {}
    return not_expected(Resident.objects.filter(pk__in=candidates), day)


def _with_absence_records(ids) -> set[int]:
    # Plain SQL on purpose: the ORM's compiling of even a three-part UNION was
    # most of a check-in request's added time (bench_health's API ratio).
    marks = ", ".join(["%s"] * len(ids))
    sql = " UNION ".join(
        f"SELECT resident_id FROM {model._meta.db_table} WHERE resident_id IN ({marks}) AND {cond}"
        for model, cond in (
            (Transfer, "transferred_at IS NOT NULL"),
            (Quarantine, "kind = %s"),
            (CategoryEntry, "category = %s"),
        )
    )
    params = [*ids, *ids, QuarantineKind.CENTRAL.value, *ids, Category.DECEASED.value]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


@dataclass
class Coverage:
    building: object
    residents: int = 0
    checked: int = 0
    abnormal: int = 0
    open_tasks: int = 0

    @property
    def missing(self):
        return self.residents - self.checked

    @property
    def percent(self):
        return round(100 * self.checked / self.residents) if self.residents else 100


def _per_building(queryset, path, **counts):
    """{value of `path`: {count name: n}}, one GROUP BY query."""
    rows = queryset.order_by().values(path).annotate(**counts)
    return {row.pop(path): row for row in rows}


def coverage(buildings, day) -> list[Coverage]:
    """Coverage rows for `buildings` (a scoped queryset) on `day`, in building order."""
    buildings = buildings.select_related("compound")
    rows = {b.pk: Coverage(b) for b in buildings}
    scope = {"household__building__in": buildings.values("pk")}
    residents = _per_building(
        expected_to_check_in(Resident.objects.filter(**scope), day),
        "household__building_id",
        n=Count("pk"),
    )
    checkins = _per_building(
        CheckIn.objects.filter(date=day, **scope),
        "household__building_id",
        n=Count("pk", filter=expected(day, "resident", within=scope)),
        abnormal=Count("pk", filter=Q(abnormal=True)),
    )
    tasks = _per_building(
        VisitTask.objects.open().filter(**scope), "household__building_id", n=Count("pk")
    )
    for pk, row in rows.items():
        row.residents = residents.get(pk, {}).get("n", 0)
        row.checked = checkins.get(pk, {}).get("n", 0)
        row.abnormal = checkins.get(pk, {}).get("abnormal", 0)
        row.open_tasks = tasks.get(pk, {}).get("n", 0)
    return list(rows.values())


def totals(rows: list[Coverage]) -> Coverage:
    total = Coverage(None)
    for row in rows:
        total.residents += row.residents
        total.checked += row.checked
        total.abnormal += row.abnormal
        total.open_tasks += row.open_tasks
    return total


def community_rollup(communities, day) -> dict[int, dict]:
    """{community id: {"residents", "checked", "abnormal"}} for a street's or a
    district's roll-up: numbers only, two grouped queries whatever the size."""
    path = "household__building__compound__community_id"
    scope = {f"{path}__in": communities.values("pk")}
    db = communities.db
    residents = _per_building(
        expected_to_check_in(Resident.objects.using(db).filter(**scope), day),
        path,
        residents=Count("pk"),
    )
    checkins = _per_building(
        CheckIn.objects.using(db).filter(date=day, **scope),
        path,
        checked=Count("pk", filter=expected(day, "resident", within=scope)),
        abnormal=Count("pk", filter=Q(abnormal=True)),
    )
    return {
        pk: {"residents": 0, "checked": 0, "abnormal": 0, **row, **checkins.get(pk, {})}
        for pk, row in residents.items()
    }
