"""Orders at the cut-off: 200 submissions over HTTP in the last second before it.

gunicorn (4 sync workers) serves a scratch database; 180 households each PUT
their order through the API (`PUT /api/rounds/{id}/orders/{household}`), 20 of
them tap twice, all at random moments in the last second before the cut-off,
and 10 more households try just after it. Then the database is counted:

- lost: a submission sent before the cut-off that was answered 200 (or not
  answered at all) whose household has no order with exactly its lines (target 0);
- duplicated: a household with more than one order, or an order with more
  lines than were sent (target 0);
- accepted after the cut-off: orders of the households that sent late (target 0);
- refused in the queue: sent in time, answered 409 round_closed because a worker
  reached it after the cut-off (told, not lost; 0 behind nginx, whose arrival
  stamp the cut-off judges: ordering.submitted_at);
- p50 and p99 latency of the submissions sent in time.

PostgreSQL is the point (row locks, several connections): the scratch database
`linli_bench` is made on the local server (LINLI_BENCH_PG_URL, default the
test role of scripts/test-services.sh), once as deployed behind nginx (the
client adds the arrival stamp nginx would) and once with gunicorn alone. A
SQLite file (the small-community install) is measured beside it. Seeding runs
in a subprocess with the scratch database's settings, so the harness's own
database is untouched.
"""

import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_SERVER = os.environ.get("LINLI_BENCH_PG_URL", "postgresql://linli:linli@127.0.0.1:5432")
PG_DATABASE = "linli_bench"

HOUSEHOLDS = 180
DOUBLE_TAPS = 20
LATE = 10
SUBMISSIONS = HOUSEHOLDS + DOUBLE_TAPS
WORKERS = 4
# The cut-off is set this far after the workers are warm, so every request
# can be scheduled in the last second before it.
LEAD = 2.0


# --- the seed, run in a subprocess with the scratch database --------------------


def seed() -> dict:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from linli.accounts.choices import Role
    from linli.accounts.models import Membership, User
    from linli.api.models import ApiToken
    from linli.community.models import Building, Community, Compound, District, Household, Street
    from linli.groupbuy.choices import SupplierKind
    from linli.groupbuy.models import Product, Round, Supplier, SupplierProduct

    call_command("migrate", verbosity=0)
    street = Street.objects.create(district=District.objects.create(name="武昌区"), name="中南路")
    community = Community.objects.create(street=street, name="武南村社区")
    compound = Compound.objects.create(community=community, name="凯旋名邸")
    buildings = [Building.objects.create(compound=compound, number=str(n)) for n in range(1, 11)]
    Household.objects.bulk_create(
        Household(building=buildings[i % 10], room=f"{100 + i}") for i in range(HOUSEHOLDS + LATE)
    )
    households = list(Household.objects.order_by("pk"))
    unusable = make_password(None)
    User.objects.bulk_create(User(username=f"bench{h.pk}", password=unusable) for h in households)
    users = {u.username: u for u in User.objects.filter(username__startswith="bench")}
    Membership.objects.bulk_create(
        Membership(user=users[f"bench{h.pk}"], role=Role.RESIDENT, household=h,
                   community=community)
        for h in households
    )  # fmt: skip
    supplier = Supplier.objects.create(
        community=community, name="武商超市", kind=SupplierKind.SUPERMARKET
    )
    names = ["大白菜", "土豆", "鸡蛋", "西红柿", "大米"]
    for name in names:
        product = Product.objects.create(name=name, unit="斤", category="蔬菜")
        SupplierProduct.objects.create(supplier=supplier, product=product, price=2)
    now = timezone.now()
    round = Round.objects.create(
        community=community, title="bench", opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )  # fmt: skip
    round.suppliers.add(supplier)
    tokens = [[h.pk, ApiToken.issue(users[f"bench{h.pk}"], "bench")[1]] for h in households]
    return {"round": round.pk, "households": tokens, "products": names}


def count(round_id: int) -> dict:
    """Orders and lines per household, read in the scratch database."""
    import django

    django.setup()
    from django.db.models import Count

    from linli.groupbuy.models import Order

    rows = Order.objects.filter(round_id=round_id).values("household_id")
    per = rows.annotate(orders=Count("pk", distinct=True), lines=Count("lines"))
    return {str(r["household_id"]): [r["orders"], r["lines"]] for r in per}


# --- the measurement, in the harness process ---------------------------------------


def _env(database_url: str, behind_proxy: bool) -> dict:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("LINLI_", "DJANGO_"))}
    return keep | {
        "DJANGO_SETTINGS_MODULE": "linli.settings",
        "PYTHONPATH": str(ROOT),
        "LINLI_DATABASE_URL": database_url,
        "LINLI_DEBUG": "false",
        "LINLI_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "LINLI_ALLOWED_HOSTS": "127.0.0.1",
        "LINLI_SSL_REDIRECT": "false",
        "LINLI_PROXY_COUNT": "1" if behind_proxy else "0",
    }


def _in_subprocess(env, *args) -> dict | None:
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout) if done.stdout.strip() else None


def _set_cut_off(database_url: str, round_id: int, moment: datetime):
    """Straight to the database: a Django subprocess takes seconds on a loaded machine."""
    if database_url.startswith("sqlite:"):
        import sqlite3

        # Django keeps aware datetimes in SQLite as UTC text without an offset.
        text = moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=20) as db:
            db.execute("UPDATE groupbuy_round SET closes_at = ? WHERE id = ?", (text, round_id))
        return
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as db:
        db.execute("UPDATE groupbuy_round SET closes_at = %s WHERE id = %s", (moment, round_id))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _put(port, round_id, household_id, secret, body, stamp) -> tuple[int, float]:
    started = time.perf_counter()
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    if stamp:
        # What nginx adds on arrival (docs/deploy.md); on one machine the moment
        # the client sends is the moment nginx would have received it.
        headers["X-Request-Start"] = f"t={time.time():.3f}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "PUT", f"/api/rounds/{round_id}/orders/{household_id}", body=body, headers=headers
        )
        status = conn.getresponse().status
    finally:
        conn.close()
    return status, time.perf_counter() - started


def _get(port, path, secret) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Authorization": f"Bearer {secret}"})
        return conn.getresponse().status
    finally:
        conn.close()


def _wait_until(moment: float):
    while (left := moment - time.time()) > 0:
        time.sleep(min(left, 0.05) if left > 0.002 else 0)


def measure(database_url: str, behind_proxy: bool) -> dict:
    env = _env(database_url, behind_proxy)
    seeded = _in_subprocess(env, "seed")
    round_id, households = seeded["round"], seeded["households"]
    rng = random.Random(2020)
    bodies = {}
    for household_id, _secret in households:
        chosen = rng.sample(seeded["products"], rng.randint(1, 5))
        lines = [{"product": n, "quantity": rng.randint(1, 9)} for n in chosen]
        bodies[household_id] = json.dumps({"lines": lines}, ensure_ascii=False).encode()
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "linli.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
         "--backlog", "2048", "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.time() + 30
        while True:
            try:
                if _get(port, f"/api/rounds/{round_id}", households[0][1]) == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("gunicorn did not start: " + server.stderr.read1().decode())
            time.sleep(0.2)
        # Warm every worker (imports, database connection) as a running site is.
        for _household, secret in households[:40]:
            _get(port, f"/api/rounds/{round_id}", secret)
        cut_off = time.time() + LEAD + 1.0
        _set_cut_off(database_url, round_id, datetime.fromtimestamp(cut_off, UTC))
        if time.time() > cut_off - 1.0:
            raise RuntimeError("setting the cut-off took longer than LEAD; raise LEAD")
        on_time, late = households[:HOUSEHOLDS], households[HOUSEHOLDS:]
        plan = [(h, s, cut_off - rng.uniform(0.05, 1.0)) for h, s in on_time]
        taps = rng.sample(on_time, DOUBLE_TAPS)
        plan += [(h, s, cut_off - rng.uniform(0.05, 0.9)) for h, s in taps]
        plan += [(h, s, cut_off + rng.uniform(0.05, 0.3)) for h, s in late]
        results = {}

        def submit(i, household_id, secret, at):
            _wait_until(at)
            sent = time.time()  # when it really left decides whether it was on time
            try:
                body = bodies[household_id]
                answer = _put(port, round_id, household_id, secret, body, behind_proxy)
            except OSError:
                answer = (0, float("nan"))  # no answer: counted as lost if not stored
            results[i] = (household_id, sent < cut_off, *answer)

        threads = [threading.Thread(target=submit, args=(i, *p)) for i, p in enumerate(plan)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = _in_subprocess(env, "count", str(round_id))
    sent = {h: len(json.loads(bodies[h])["lines"]) for h, _s in on_time}
    answers = [r for r in results.values() if r[1]]
    accepted = {h for h, _on_time, status, _t in answers if status == 200}
    unanswered = {h for h, _on_time, status, _t in answers if status == 0 or status >= 500}
    # Lost: the server said yes (or never answered) and the order is not there, whole.
    lost = sum(
        1 for h in accepted | unanswered if stored.get(str(h), [0, 0]) != [1, sent[h]]
    )  # fmt: skip
    duplicated = sum(
        1 for h, (orders, lines) in stored.items()
        if orders > 1 or (int(h) in sent and lines > sent[int(h)])
    )  # fmt: skip
    late_ids = {h for h, _s in late}
    latencies = sorted(r[3] * 1000 for r in answers if r[2])
    return {
        "lost": lost,
        "unanswered": len(unanswered),
        "duplicated": duplicated,
        "late_accepted": sum(1 for h in stored if int(h) in late_ids),
        "queued_past_cut_off": sum(1 for r in answers if r[2] == 409),
        "p50": statistics.median(latencies),
        "p99": latencies[int(0.99 * (len(latencies) - 1))],
        "ok": sum(1 for r in answers if r[2] == 200),
        "orders": len(stored),
        "load": os.getloadavg()[0],
    }


def _pg_ready() -> str | None:
    """The scratch database's URL after (re)creating it, or None if PostgreSQL is unreachable."""
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as c:
            c.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            c.execute(f"CREATE DATABASE {PG_DATABASE}")
    except psycopg.Error:
        return None
    return f"{PG_SERVER}/{PG_DATABASE}"


def _results(label: str, figures: dict, server: str) -> list[dict]:
    name = f"orders at cut-off ({label})"
    how = (f"{SUBMISSIONS} PUTs ({DOUBLE_TAPS} double taps) in the last second, {server}; "
           f"load average {figures['load']:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    return [
        {"name": f"{name}: lost", "value": figures["lost"], "unit": "orders",
         "target": f"0 (answered 200 or not at all, yet not stored whole; {how})"},
        {"name": f"{name}: duplicated", "value": figures["duplicated"], "unit": "orders",
         "target": "0"},
        {"name": f"{name}: accepted after the cut-off", "value": figures["late_accepted"],
         "unit": "orders", "target": "0"},
        {"name": f"{name}: refused, reached past the cut-off in the queue",
         "value": figures["queued_past_cut_off"], "unit": "submissions",
         "target": f"told 409 round_closed; {figures['ok']} answered 200, "
                   f"{figures['orders']} orders stored"},
        {"name": f"{name}: p50 latency", "value": figures["p50"], "unit": "ms"},
        {"name": f"{name}: p99 latency", "value": figures["p99"], "unit": "ms"},
    ]  # fmt: skip


def _attempt(label: str, database_url: str, behind_proxy: bool) -> list[dict]:
    server = f"gunicorn -w {WORKERS}" + (", arrival stamped as nginx does" if behind_proxy else "")
    try:
        return _results(label, measure(database_url, behind_proxy), server)
    except Exception as exc:  # noqa: BLE001  (reported as an error entry; the others still run)
        name = f"orders at cut-off ({label})"
        return [{"name": name, "value": None, "unit": "", "error": f"{type(exc).__name__}: {exc}"}]


def run() -> list[dict]:
    results = []
    if _pg_ready() is None:
        results.append({
            "name": "orders at cut-off (PostgreSQL)", "value": None, "unit": "",
            "error": f"PostgreSQL unreachable at {PG_SERVER} (run scripts/test-services.sh)",
        })  # fmt: skip
    else:
        url = f"{PG_SERVER}/{PG_DATABASE}"
        results += _attempt("PostgreSQL, behind nginx", url, behind_proxy=True)
        _pg_ready()  # a fresh scratch database for the second run
        results += _attempt("PostgreSQL, gunicorn alone", url, behind_proxy=False)
    with tempfile.TemporaryDirectory(prefix="linli-bench-orders-") as workdir:
        sqlite = f"sqlite:///{Path(workdir) / 'orders.sqlite3'}"
        results += _attempt("SQLite file, behind nginx", sqlite, behind_proxy=True)
    return results


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "seed":
        print(json.dumps(seed()))
    elif command == "count":
        print(json.dumps(count(int(sys.argv[2]))))
