"""Daily report benchmark (issue 7): a district's roll-up of one day over
100 communities × 3,000 residents on PostgreSQL (target under 2 s).

Builds the district with bulk inserts in its own PostgreSQL database
(LINLI_BENCH_ROLLUP_PG), checks in 90 % of the residents on the day, gives a
few of them categories, needs and quarantines, stores the 13 evenings before,
then times (a) the day's figures for all 100 communities (figures.count, the
roll-up's grouped queries) and (b) the whole roll-up page's report with its
14-day trend, and (c) the evening job (daily_report) for the district.
Reports an error entry, not a crash, when PostgreSQL is unreachable.

Run alone: .venv/bin/python bench/bench_rollup.py
"""

import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get(
    "LINLI_BENCH_ROLLUP_PG", "postgresql://linli:linli@127.0.0.1:5432/linli_bench_rollup"
)
COMMUNITIES, RESIDENTS, PER_HOUSEHOLD, HOUSEHOLDS_PER_BUILDING = 100, 3000, 3, 50
DB = "bench_rollup"


def _database():
    import psycopg
    from django.core.management import call_command
    from django.db import connections

    name = PG_URL.rsplit("/", 1)[1]
    admin_url = PG_URL.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        raise RuntimeError(f"PostgreSQL unreachable at {admin_url}: {exc}") from None
    from linli.env import database_config

    defaults = {"ATOMIC_REQUESTS": False, "AUTOCOMMIT": True, "CONN_MAX_AGE": 0, "OPTIONS": {},
                "CONN_HEALTH_CHECKS": False, "TIME_ZONE": None, "TEST": {}}  # fmt: skip
    connections.databases[DB] = {**defaults, **database_config(PG_URL, ROOT)}
    call_command("migrate", database=DB, verbosity=0)
    return connections[DB]


def _seed(day):
    """The district, in bulk: 2 streets, 100 communities, 300,000 residents."""
    from linli.cases.models import Need
    from linli.community import models as registry
    from linli.health.models import CategoryEntry, CheckIn, Quarantine

    Building, Community, Compound = registry.Building, registry.Community, registry.Compound
    District, Household, Resident = registry.District, registry.Household, registry.Resident
    Street = registry.Street

    def bulk(model, rows):
        return model.objects.using(DB).bulk_create(rows, batch_size=5000)

    district = District.objects.using(DB).create(name="基准区")
    streets = bulk(Street, [Street(district=district, name=f"街道{i}") for i in range(2)])
    communities = bulk(Community, [Community(street=streets[i % 2], name=f"社区{i}")
                                   for i in range(COMMUNITIES)])  # fmt: skip
    compounds = bulk(Compound, [Compound(community=c, name="小区") for c in communities])
    households_each = RESIDENTS // PER_HOUSEHOLD
    per_compound = households_each // HOUSEHOLDS_PER_BUILDING
    buildings = bulk(Building, [Building(compound=c, number=str(b + 1), sort_key=b + 1)
                                for c in compounds for b in range(per_compound)])  # fmt: skip
    rooms = range(HOUSEHOLDS_PER_BUILDING)
    households = bulk(Household, [Household(building=b, room=str(100 + r))
                                  for b in buildings for r in rooms])  # fmt: skip
    residents = bulk(Resident, [Resident(household=h, name=f"居民{k}")
                                for h in households for k in range(PER_HOUSEHOLD)])  # fmt: skip
    bulk(CheckIn, [
        CheckIn(resident=r, household_id=r.household_id, date=day, temperature=Decimal("36.5"),
                method="forehead", channel="proxy", abnormal=(i % 50 == 0))
        for i, r in enumerate(residents) if i % 10 != 9
    ])  # fmt: skip
    tz_day = datetime.combine(day, datetime.min.time()).astimezone()
    cats = ("confirmed", "suspected", "fever", "close_contact")
    bulk(CategoryEntry, [
        CategoryEntry(resident=r, household_id=r.household_id, category=cats[i % 4],
                      recorded_at=tz_day - timedelta(days=i % 5, hours=-9))
        for i, r in enumerate(residents[::200])
    ])  # fmt: skip
    bulk(Quarantine, [
        Quarantine(resident=r, household_id=r.household_id, kind="home",
                   start=day - timedelta(days=i % 10), end=day + timedelta(days=4))
        for i, r in enumerate(residents[::300])
    ])  # fmt: skip
    bulk(Need, [
        Need(household_id=r.household_id, category="supplies", channel="phone",
             priority=1 + i % 4, created_at=tz_day, due_at=tz_day + timedelta(hours=2))
        for i, r in enumerate(residents[::500])
    ])  # fmt: skip
    from django.db import connections

    with connections[DB].cursor() as cursor:
        cursor.execute("ANALYZE")
    return district, len(residents)


def _median_seconds(fn, rounds=5):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def rollup():
    from django.utils import timezone

    from linli.community.models import Community
    from linli.reports import arith, daily, figures

    pg = _database()
    day = timezone.localdate()
    started = time.perf_counter()
    district, n = _seed(day)
    seeded_in = time.perf_counter() - started
    communities = Community.objects.using(DB).filter(street__district=district)
    assert communities.count() == COMMUNITIES and n == COMMUNITIES * RESIDENTS
    count_s, counted = _median_seconds(lambda: figures.count(communities, day))
    total = arith.rollup(counted.values())
    assert total["residents"] == n and total["checked"] == n * 9 // 10
    for back in range(1, 14):
        daily.snapshot(communities, day - timedelta(days=back))
    job_s, _ = _median_seconds(lambda: daily.snapshot(communities, day - timedelta(days=1)), 3)
    listed = list(communities.select_related("street").order_by("street__name", "name"))
    page_s, report = _median_seconds(lambda: daily.build(listed, day))
    assert report.total["residents"] == n
    pg.close()
    note = f"{COMMUNITIES} communities × {RESIDENTS:,} residents, seeded in {seeded_in:.0f} s"
    return [
        {"name": "reports: district roll-up of a day, figures (PostgreSQL)",
         "value": count_s * 1000, "unit": "ms", "target": "< 2000 ms", "note": note},
        {"name": "reports: district roll-up page with 14-day trend (PostgreSQL)",
         "value": page_s * 1000, "unit": "ms", "target": "< 2000 ms"},
        {"name": "reports: evening snapshot job for the district (PostgreSQL)",
         "value": job_s * 1000, "unit": "ms"},
    ]  # fmt: skip


def run():
    from bench.run import attempt

    return attempt("reports: PostgreSQL district roll-up", rollup)


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(ROOT))
    from bench.run import _prepare

    with tempfile.TemporaryDirectory(prefix="linli-bench-") as workdir:
        _prepare(Path(workdir))
        for result in run():
            print(result)
