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
