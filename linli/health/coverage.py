"""Daily coverage: how many residents of each building checked in on a day.

Four queries whatever the number of buildings or households: the buildings,
residents per building, check-ins per building, open visit tasks per building.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from linli.community.models import Resident
from linli.health.models import CheckIn, VisitTask


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
        Resident.objects.filter(**scope), "household__building_id", n=Count("pk")
    )
    checkins = _per_building(
        CheckIn.objects.filter(date=day, **scope),
        "household__building_id",
        n=Count("pk"),
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
        Resident.objects.using(db).filter(**scope), path, residents=Count("pk")
    )
    checkins = _per_building(
        CheckIn.objects.using(db).filter(date=day, **scope),
        path,
        checked=Count("pk"),
        abnormal=Count("pk", filter=Q(abnormal=True)),
    )
    return {
        pk: {"residents": 0, "checked": 0, "abnormal": 0, **row, **checkins.get(pk, {})}
        for pk, row in residents.items()
    }
