"""Load with wrk against gunicorn on PostgreSQL: a city's morning peak and a cut-off.

A scratch database `linli_load` (LINLI_BENCH_PG_URL names the server) gets a
generated city of 30,000 residents in 10 communities (`linli generate_city`),
an API token for each captain and a signed-in session for a community worker.
gunicorn serves it as `linli serve` does (2 × cores + 1 workers, LINLI_DEBUG
false), with the API's write limit raised (LINLI_API_WRITE_RATE) so the load
measures the server, not the limit a single captain's phone would meet. Then:

(a) the morning check-in peak: wrk POSTs /api/checkins for PEAK_SECONDS, each
    captain for the residents of their buildings, each resident once
    (scripts/load/checkin.lua); check-ins a second and p99 latency; every
    resident answered 2xx must have today's CheckIn row (lost, target 0), and
    rows without a 2xx are at most the requests in flight when wrk stopped;
(b) the round cut-off: a round whose cut-off is CUT_OFF_AFTER seconds away;
    wrk PUTs the orders of every household of a community, each household
    several times (double taps), until past the cut-off (scripts/load/orders.lua);
    lost = a household answered 2xx without its order, duplicated = a household
    with more than one order or an order with more than its one line (0 and 0);
    the run must meet 409 round_closed answers, or it never reached the cut-off
    (bench_orders.py times the last second before a cut-off more finely);
(c) staff dashboards under load: during (a) a second wrk reloads the overview
    (/) and the health dashboard (/health/) as the signed-in worker of the
    busiest community (scripts/load/dashboard.lua); p95 latency.

Run alone: `.venv/bin/python bench/bench_load.py` (prints the figures), or
`.venv/bin/python bench/run.py bench_load`.
"""

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts" / "load"
PG_SERVER = os.environ.get("LINLI_BENCH_PG_URL", "postgresql://linli:linli@127.0.0.1:5432")
PG_DATABASE = "linli_load"
WRK = shutil.which("wrk") or "/usr/bin/wrk"

RESIDENTS, COMMUNITIES, SEED = 30_000, 10, 2020
PEAK_SECONDS = 20
PEAK_THREADS, PEAK_CONNECTIONS = 2, 16
DASHBOARD_CONNECTIONS = 2
TAPS = 3  # each household's order is sent this many times
CUT_OFF_AFTER = 6  # seconds from the start of the orders' wrk to the cut-off
ORDERS_SECONDS = 10
# What the load run sets instead of the defaults (and docs/performance.md says so).
RAISED_LIMITS = {"LINLI_API_WRITE_RATE": "1000000/m"}


# --- in a subprocess, with the scratch database ---------------------------------------


def seed(workdir: str) -> dict:
    """The city, tokens, a round, the lists wrk reads, and a staff session."""
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.utils import timezone

    from linli.accounts.choices import Role
    from linli.accounts.models import Membership
    from linli.api.models import ApiToken
    from linli.community import citygen
    from linli.community.models import Household, Resident
    from linli.groupbuy.models import Product, Round

    call_command("migrate", verbosity=0)
    # Without LINLI_DEBUG pages name their static files through the manifest, as
    # `linli serve` prepares it.
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    citygen.generate(RESIDENTS, COMMUNITIES, SEED)
    generated = time.perf_counter() - started
    rng = random.Random(SEED)
    token_of = {}  # building id → its captain's secret
    captains = Membership.objects.filter(role=Role.CAPTAIN).select_related("user")
    for captain in captains.prefetch_related("buildings"):
        _token, secret = ApiToken.issue(captain.user, "load")
        for building in captain.buildings.all():
            token_of[building.pk] = secret
    residents = list(Resident.objects.values_list("pk", "household__building_id"))
    rng.shuffle(residents)
    work = Path(workdir)
    with open(work / "checkins.txt", "w") as out:
        out.writelines(f"{token_of[b]} {r}\n" for r, b in residents)

    staff = Membership.objects.filter(role=Role.STAFF).select_related("user", "community")
    staff = staff.order_by("community_id").first()
    community = staff.community
    households = list(Household.objects.in_community(community).values_list("pk", "building_id"))
    products = [
        Product.objects.create(name=name, unit="份", category="蔬菜").pk
        for name in ("大白菜", "土豆", "鸡蛋", "西红柿", "大米")
    ]
    now = timezone.now()
    round = Round.objects.create(
        community=community, title="load", opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )  # fmt: skip
    taps = [h for h in households for _tap in range(TAPS)]
    rng.shuffle(taps)
    with open(work / "orders.txt", "w") as out:
        out.writelines(
            f"{token_of[b]} {h} {rng.choice(products)} {rng.randint(1, 9)}\n" for h, b in taps
        )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(staff.user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = staff.user.get_session_auth_hash()
    session.create()
    return {
        "generated_seconds": generated,
        "round": round.pk,
        "community": community.pk,
        "community_residents": Resident.objects.filter(
            household__building__compound__community=community
        ).count(),
        "households": len(households),
        "token": token_of[households[0][1]],
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
    }


def count(round_id: int, since: str) -> dict:
    """The check-ins dated `since` or later (the peak's day: a run that crosses
    midnight in Asia/Shanghai dates the later ones a day on) and the round's
    orders, as stored."""
    import django

    django.setup()
    from django.db.models import Count

    from linli.groupbuy.models import Order
    from linli.health.models import CheckIn

    orders = Order.objects.filter(round_id=round_id).values("household_id")
    per = orders.annotate(orders=Count("pk", distinct=True), lines=Count("lines"))
    return {
        "checkins": list(
            CheckIn.objects.filter(date__gte=since).values_list("resident_id", flat=True)
        ),
        "orders": {str(r["household_id"]): [r["orders"], r["lines"]] for r in per},
    }


# --- the measurement, in the harness process -----------------------------------------


def _env(database_url: str) -> dict:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("LINLI_", "DJANGO_"))}
    return (
        keep
        | RAISED_LIMITS
        | {
            "DJANGO_SETTINGS_MODULE": "linli.settings",
            "PYTHONPATH": str(ROOT),
            "LINLI_DATABASE_URL": database_url,
            "LINLI_DEBUG": "false",
            "LINLI_SECRET_KEY": "load-only-secret-key-" + "x" * 40,
            "LINLI_ALLOWED_HOSTS": "127.0.0.1",
            "LINLI_SSL_REDIRECT": "false",
            "LINLI_PROXY_COUNT": "0",
        }
    )


def _local_day() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _in_subprocess(env, *args) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def _pg_ready() -> str | None:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as c:
            c.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            c.execute(f"CREATE DATABASE {PG_DATABASE}")
    except Exception:  # noqa: BLE001  (unreachable: reported as an error entry)
        return None
    return f"{PG_SERVER}/{PG_DATABASE}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _workers() -> int:
    from linli.front.management.commands.serve import default_workers

    return default_workers(os.cpu_count())


def _serve(env: dict, port: int, probe_token: str, log: Path) -> subprocess.Popen:
    from linli.front.management.commands.serve import gunicorn_argv

    # A file, not a pipe: a pipe nobody reads fills up and stalls the workers.
    with open(log, "wb") as errors:
        server = subprocess.Popen(
            gunicorn_argv("127.0.0.1", port, _workers()), env=env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip
    deadline = time.time() + 60
    probe = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/rounds", headers={"Authorization": f"Bearer {probe_token}"}
    )
    while True:
        try:
            # Warm the workers (imports, a database connection each) as on a running site.
            for _ in range(4 * _workers()):
                urllib.request.urlopen(probe, timeout=10).read()
            return server
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.kill()
                message = log.read_text(errors="replace")[-2000:]
                raise RuntimeError("gunicorn did not start: " + message) from None
            time.sleep(0.3)


def _wrk(script: str, port: int, seconds: int, threads: int, connections: int, *args):
    return subprocess.Popen(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
         "-s", str(SCRIPTS / script), f"http://127.0.0.1:{port}", "--", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _report(process) -> dict:
    out, err = process.communicate(timeout=300)
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed: {err[-1000:]}")
    report = json.loads(out.strip().splitlines()[-1])
    # What the scripts said about answers they did not expect, for the record.
    report["said"] = sorted(set(line for line in err.splitlines() if line.strip()))[:10]
    return report


def _acks(prefix: Path) -> list[list[str]]:
    lines = []
    for path in sorted(prefix.parent.glob(prefix.name + ".*")):
        lines += [line.split() for line in path.read_text().splitlines() if line.strip()]
    return lines


def _set_cut_off(database_url: str, round_id: int, moment: datetime):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as db:
        db.execute("UPDATE groupbuy_round SET closes_at = %s WHERE id = %s", (moment, round_id))


def measure(database_url: str, workdir: Path) -> dict:
    env = _env(database_url)
    seeded = _in_subprocess(env, "seed", str(workdir))
    port = _free_port()
    server = _serve(env, port, seeded["token"], workdir / "gunicorn.log")
    try:
        # (a) and (c) together: the peak, and a worker watching it.
        load_before = os.getloadavg()
        peak_day = _local_day()
        peak = _wrk("checkin.lua", port, PEAK_SECONDS, PEAK_THREADS, PEAK_CONNECTIONS,
                    workdir / "checkins.txt", PEAK_THREADS, workdir / "checkin-acks")  # fmt: skip
        dashboard = _wrk("dashboard.lua", port, PEAK_SECONDS, 1, DASHBOARD_CONNECTIONS,
                         seeded["cookie"])  # fmt: skip
        peak_report, dashboard_report = _report(peak), _report(dashboard)
        load_during = os.getloadavg()
        # (b) the cut-off.
        cut_off = datetime.now(UTC) + timedelta(seconds=CUT_OFF_AFTER)
        _set_cut_off(database_url, seeded["round"], cut_off)
        orders = _wrk("orders.lua", port, ORDERS_SECONDS, PEAK_THREADS, PEAK_CONNECTIONS,
                      workdir / "orders.txt", PEAK_THREADS, workdir / "order-acks",
                      seeded["round"])  # fmt: skip
        orders_report = _report(orders)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    stored = _in_subprocess(env, "count", str(seeded["round"]), peak_day)
    log = (workdir / "gunicorn.log").read_text(errors="replace").splitlines()
    server_errors = [line for line in log if "ERROR" in line or "Error:" in line][:10]

    checkin_acks = _acks(workdir / "checkin-acks")
    acked = [a[0] for a in checkin_acks if a[0] != "status"]
    rows = {str(r) for r in stored["checkins"]}
    order_acks = _acks(workdir / "order-acks")
    accepted = {a[1] for a in order_acks if a[0] == "ok"}
    refused = [a for a in order_acks if a[0] == "status"]
    if not any(a[1] == "409" for a in refused):
        raise RuntimeError("no order was refused: the run did not reach the cut-off")
    seconds = peak_report["duration_us"] / 1e6
    return {
        "seeded": seeded,
        "peak": peak_report,
        "dashboard": dashboard_report,
        "orders": orders_report,
        "checkins_per_second": len(acked) / seconds,
        "checkins_acked": len(acked),
        "checkins_refused": len(checkin_acks) - len(acked),
        "checkins_repeated": len(acked) - len(set(acked)),
        "checkins_stored": len(rows),
        "checkins_lost": len(set(acked) - rows),
        "checkins_unanswered_stored": len(rows - set(acked)),
        "orders_accepted": len(accepted),
        "orders_answers": sum(1 for a in order_acks if a[0] == "ok"),
        "orders_refused": {
            s: sum(1 for a in refused if a[1] == s) for s in {a[1] for a in refused}
        },
        "orders_stored": len(stored["orders"]),
        "orders_lost": sum(1 for h in accepted if h not in stored["orders"]),
        "orders_duplicated": sum(1 for n, lines in stored["orders"].values() if n > 1 or lines > 1),
        "load": [round(x, 1) for x in (*load_before, *load_during)],
        "server_errors": server_errors,
    }


def _results(f: dict) -> list[dict]:
    city = f"{RESIDENTS:,} residents in {COMMUNITIES} communities"
    server = f"gunicorn -w {_workers()}, PostgreSQL, LINLI_API_WRITE_RATE raised"
    where = f"{city}; {server}; load average {f['load'][3]} on {os.cpu_count()} CPUs"
    peak, dash, orders = f["peak"], f["dashboard"], f["orders"]
    return [
        {"name": "load: check-ins per second at the peak", "value": f["checkins_per_second"],
         "unit": "check-ins/s",
         "target": f"wrk {PEAK_CONNECTIONS} connections, {PEAK_SECONDS} s, POST /api/checkins; "
                   f"{where}"},
        {"name": "load: check-in p99 latency", "value": peak["p99_ms"], "unit": "ms",
         "target": f"p50 {peak['p50_ms']:.0f} ms"},
        {"name": "load: check-ins answered 2xx yet not stored", "value": f["checkins_lost"],
         "unit": "check-ins",
         "target": f"0; {f['checkins_acked']} answered 2xx, {f['checkins_stored']} rows, "
                   f"{f['checkins_unanswered_stored']} stored while wrk stopped"},
        {"name": "load: dashboard p95 latency under the peak", "value": dash["p95_ms"],
         "unit": "ms",
         "target": f"GET / and /health/ as staff of a {f['seeded']['community_residents']:,}-"
                   f"resident community, {DASHBOARD_CONNECTIONS} connections; "
                   f"{dash['requests']} pages, {dash['not_ok']} not 200"},
        {"name": "load: orders lost at the cut-off", "value": f["orders_lost"], "unit": "orders",
         "target": f"0; {f['seeded']['households']} households x{TAPS} taps, "
                   f"{f['orders_accepted']} households answered 2xx, "
                   f"{f['orders_stored']} orders stored, refused {f['orders_refused']}"},
        {"name": "load: orders duplicated at the cut-off", "value": f["orders_duplicated"],
         "unit": "orders", "target": "0"},
        {"name": "load: order p99 latency at the cut-off", "value": orders["p99_ms"],
         "unit": "ms", "target": f"{orders['requests']} PUTs in {ORDERS_SECONDS} s"},
    ]  # fmt: skip


def run() -> list[dict]:
    if not os.access(WRK, os.X_OK):
        raise RuntimeError("wrk is missing (scripts/test-services.sh installs it)")
    url = _pg_ready()
    if url is None:
        raise RuntimeError(f"PostgreSQL unreachable at {PG_SERVER} (run scripts/test-services.sh)")
    with tempfile.TemporaryDirectory(prefix="linli-load-") as workdir:
        figures = measure(url, Path(workdir))
    # The whole record, without the scratch site's token and session.
    seeded = {k: v for k, v in figures["seeded"].items() if k not in ("token", "cookie")}
    print(json.dumps({**figures, "seeded": seeded}), file=sys.stderr)
    return _results(figures)


if __name__ == "__main__":
    if sys.argv[1:2] == ["seed"]:
        print(json.dumps(seed(sys.argv[2])))
    elif sys.argv[1:2] == ["count"]:
        print(json.dumps(count(int(sys.argv[2]), sys.argv[3])))
    else:
        sys.path.insert(0, str(ROOT))
        for result in run():
            print(f"{result['name']}: {result['value']:.1f} {result['unit']}  {result['target']}")
