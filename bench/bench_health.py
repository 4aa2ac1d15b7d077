"""Health benchmarks (issue 5):

(a) check-in ingestion over HTTP: wrk against gunicorn POSTing single
    check-ins with a token, as a ratio to a bare-stack view (same server, same
    middleware, one INSERT) measured in the same run; target 0.6 or more;
(b) daily coverage of a community of 10,000 households (target under 300 ms)
    and its query count for 1,000 and 10,000 households (constant);
(c) a district's daily roll-up over one million check-ins on PostgreSQL
    (target under 2 s).
"""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.run import attempt
from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.api.models import ApiToken
from linli.community.models import (
    Building,
    Community,
    Compound,
    District,
    Household,
    Resident,
    Street,
)
from linli.health.coverage import community_rollup, coverage
from linli.health.models import CheckIn

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get(
    "LINLI_BENCH_HEALTH_PG", "postgresql://linli:linli@127.0.0.1:5432/linli_bench_health"
)
WRK_SECONDS = int(os.environ.get("LINLI_BENCH_WRK_SECONDS", "4"))
ROUNDS = 5


def seed_community(name, households, residents_per_household=2, per_building=50, street=None):
    """A community of `households` households, built with bulk inserts."""
    if street is None:
        district, _ = District.objects.get_or_create(name="基准区")
        street, _ = Street.objects.get_or_create(district=district, name="基准街道")
    community = Community.objects.create(street=street, name=name)
    compound = Compound.objects.create(community=community, name=f"{name}小区")
    n_buildings = -(-households // per_building)
    Building.objects.bulk_create(
        Building(compound=compound, number=str(i + 1), sort_key=i + 1) for i in range(n_buildings)
    )
    buildings = list(Building.objects.filter(compound=compound))
    Household.objects.bulk_create(
        (Household(building=buildings[i // per_building], room=str(100 + i % per_building))
         for i in range(households)), batch_size=2000,
    )  # fmt: skip
    Resident.objects.bulk_create(
        (Resident(household_id=h, name=f"居民{h}-{k}")
         for h in Household.objects.filter(building__compound=compound).values_list("pk", flat=True)
         for k in range(residents_per_household)), batch_size=2000,
    )  # fmt: skip
    return community


def check_in_most(community, day, share=0.9):
    residents = Resident.objects.filter(household__building__compound__community=community)
    rows = list(residents.values_list("pk", "household_id"))
    CheckIn.objects.bulk_create(
        (CheckIn(resident_id=r, household_id=h, date=day, temperature=Decimal("36.5"),
                 method="forehead", channel="proxy", abnormal=(r % 50 == 0))
         for i, (r, h) in enumerate(rows) if i % 10 < share * 10), batch_size=2000,
    )  # fmt: skip


# (a) ingestion over HTTP


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _wrk(url, script, seconds):
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "-s", script, url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad and int(bad.group(1)) > total * 0.01:
        raise RuntimeError(f"{bad.group(1)} of {total} answers were errors:\n{out}")
    return rate


def _ensure_wrk():
    if shutil.which("wrk"):
        return
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], capture_output=True, timeout=300)
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed and apt-get install -y wrk failed")


API_SCRIPT = """
local ids = {%(ids)s}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %(secret)s"
request = function()
  local id = ids[math.random(#ids)]
  local t = 36.0 + math.random(0, 12) / 10
  local body = string.format('{"resident": %%d, "temperature": "%%.1f", ', id, t)
    .. '"method": "forehead"}'
  return wrk.format(nil, nil, nil, body)
end
"""
BASELINE_SCRIPT = 'wrk.method = "POST"\n'


def ingestion():
    _ensure_wrk()
    community = seed_community("基准社区", 400)
    staff = User.objects.create_user("bench_staff", password="x")
    Membership.objects.create(user=staff, role=Role.STAFF, community=community)
    _token, secret = ApiToken.issue(staff, "bench")
    ids = list(Resident.objects.values_list("pk", flat=True))
    database = settings.DATABASES["default"]["NAME"]
    connections.close_all()
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.health_settings",
        "LINLI_DATABASE_URL": f"sqlite:///{database}",
        "LINLI_DEBUG": "false",
        "LINLI_SECRET_KEY": "bench-" + "x" * 40,
        "LINLI_ALLOWED_HOSTS": "127.0.0.1",
        "LINLI_SSL_REDIRECT": "false",
        "PYTHONPATH": str(ROOT),
    }
    workers = str(min(4, os.cpu_count() or 1))
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "linli.wsgi:application",
         "-b", f"127.0.0.1:{port}", "-w", workers, "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for(port)
        with tempfile.TemporaryDirectory() as tmp:
            api_lua, base_lua = Path(tmp) / "api.lua", Path(tmp) / "base.lua"
            api_lua.write_text(API_SCRIPT % {"ids": ",".join(map(str, ids)), "secret": secret})
            base_lua.write_text(BASELINE_SCRIPT)
            base_url, api_url = (
                f"http://127.0.0.1:{port}/_bench/baseline/",
                f"http://127.0.0.1:{port}/api/checkins",
            )
            _wrk(base_url, str(base_lua), 2)  # warm up both
            _wrk(api_url, str(api_lua), 2)
            # Short runs taken in turns, medians compared: the load of anything
            # else on the machine then falls on both sides alike.
            baselines, apis = [], []
            for _ in range(ROUNDS):
                baselines.append(_wrk(base_url, str(base_lua), WRK_SECONDS))
                apis.append(_wrk(api_url, str(api_lua), WRK_SECONDS))
            baseline, api = statistics.median(baselines), statistics.median(apis)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    note = (
        f"bare-stack view, one INSERT; gunicorn {workers} workers, SQLite, wrk -t2 -c8, "
        f"median of {ROUNDS} interleaved {WRK_SECONDS} s runs"
    )
    return [
        {"name": "health: check-in API throughput", "value": api, "unit": "req/s",
         "baseline": {"value": baseline, "note": note}},
        {"name": "health: check-in API / bare stack", "value": api / baseline, "unit": "ratio",
         "target": ">= 0.6"},
    ]  # fmt: skip


# (b) coverage


def _coverage_of(community, day):
    return coverage(Building.objects.in_community(community), day)


def coverage_timing():
    day = timezone.localdate()
    small, large = seed_community("千户社区", 1000), seed_community("万户社区", 10000)
    check_in_most(small, day)
    check_in_most(large, day)
    counts = {}
    for community in (small, large):
        with CaptureQueriesContext(connection) as queries:
            rows = _coverage_of(community, day)
        counts[community.name] = len(queries)
    assert sum(r.residents for r in rows) == 20000
    times = []
    for _ in range(7):
        started = time.perf_counter()
        _coverage_of(large, day)
        times.append((time.perf_counter() - started) * 1000)
    return [
        {"name": "health: daily coverage, 10,000 households", "value": statistics.median(times),
         "unit": "ms", "target": "< 300 ms"},
        {"name": "health: coverage queries, 1,000 households", "value": counts["千户社区"],
         "unit": "queries"},
        {"name": "health: coverage queries, 10,000 households", "value": counts["万户社区"],
         "unit": "queries", "target": "same as for 1,000"},
    ]  # fmt: skip


# (c) one million check-ins on PostgreSQL

SEED_SQL = """
INSERT INTO community_district (id, name) VALUES (1, '基准区');
INSERT INTO community_street (id, district_id, name)
  SELECT s, 1, '街道' || s FROM generate_series(1, 5) s;
INSERT INTO community_community (id, street_id, name)
  SELECT c, (c - 1) / 10 + 1, '社区' || c FROM generate_series(1, 50) c;
INSERT INTO community_compound (id, community_id, name)
  SELECT c, c, '小区' || c FROM generate_series(1, 50) c;
INSERT INTO community_building (id, compound_id, number, sort_key)
  SELECT b, (b - 1) / 20 + 1, ((b - 1) %% 20 + 1)::text, (b - 1) %% 20 + 1
  FROM generate_series(1, 1000) b;
INSERT INTO community_household (id, building_id, room, note)
  SELECT h, (h - 1) / 50 + 1, (100 + (h - 1) %% 50)::text, '' FROM generate_series(1, 50000) h;
INSERT INTO community_resident (id, household_id, name, phone, sex, id_number, relation, note,
                                name_pinyin, name_initials, created_at, updated_at)
  SELECT r, (r - 1) / 2 + 1, '居民' || r, '', '', '', 'head', '', '', '', now(), now()
  FROM generate_series(1, 100000) r;
INSERT INTO health_checkin (resident_id, household_id, date, temperature, method, symptoms,
                            abnormal, channel, recorded_at)
  SELECT r, (r - 1) / 2 + 1, %(first)s::date + d, 36.0 + (r %% 15) / 10.0, 'forehead', '',
         36.0 + (r %% 15) / 10.0 >= 37.3, 'proxy', now()
  FROM generate_series(0, 9) d, generate_series(1, 100000) r;
ANALYZE;
"""


def postgres_rollup():
    import psycopg

    name = PG_URL.rsplit("/", 1)[1]
    admin_url = PG_URL.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        raise RuntimeError(f"PostgreSQL unreachable at {admin_url}: {exc}") from None
    from linli.env import database_config

    config = database_config(PG_URL, ROOT)
    defaults = {"ATOMIC_REQUESTS": False, "AUTOCOMMIT": True, "CONN_MAX_AGE": 0, "OPTIONS": {},
                "CONN_HEALTH_CHECKS": False, "TIME_ZONE": None, "TEST": {}}  # fmt: skip
    connections.databases["bench_pg"] = {**defaults, **config}
    from django.core.management import call_command

    call_command("migrate", database="bench_pg", verbosity=0)
    day = timezone.localdate()
    first = day - timedelta(days=9)
    pg = connections["bench_pg"]
    with pg.cursor() as cursor:
        cursor.execute(SEED_SQL % {"first": f"'{first.isoformat()}'"})
        cursor.execute("SELECT count(*) FROM health_checkin")
        total = cursor.fetchone()[0]
    district = District.objects.using("bench_pg").get()
    communities = Community.objects.using("bench_pg").filter(street__district=district)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        rollup = community_rollup(communities, day)
        times.append((time.perf_counter() - started) * 1000)
    assert len(rollup) == 50 and sum(r["residents"] for r in rollup.values()) == 100000
    pg.close()
    return [
        {"name": f"health: district roll-up of a day, {total:,} check-ins (PostgreSQL)",
         "value": statistics.median(times), "unit": "ms", "target": "< 2000 ms"},
    ]  # fmt: skip


def run():
    return (
        attempt("health: check-in ingestion over HTTP", ingestion)
        + attempt("health: daily coverage", coverage_timing)
        + attempt("health: PostgreSQL district roll-up", postgres_rollup)
    )
