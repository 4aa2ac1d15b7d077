"""`linli generate_city`: how fast a city is written.

On PostgreSQL (COPY), 200,000 residents in a scratch database `linli_city`
(LINLI_BENCH_PG_URL names the server, default the test role of
scripts/test-services.sh); the target is a million in under 5 minutes, a run
too long for `make bench`, so docs/performance.md quotes a manual run of the
million (`.venv/bin/python bench/bench_city.py 1000000`). On SQLite
(executemany), 20,000 in the harness's own database. Generation is linear in
residents (one community at a time, a fixed flush size), so the 200,000 figure
also gives the rate.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("LINLI_BENCH_PG_URL", "postgresql://linli:linli@127.0.0.1:5432")
PG_DATABASE = "linli_city"
PG_RESIDENTS = 200_000
SQLITE_RESIDENTS = 20_000
TARGET = "1,000,000 residents in < 300 s on PostgreSQL"


def _pg_ready() -> str | None:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as c:
            c.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            c.execute(f"CREATE DATABASE {PG_DATABASE}")
    except Exception:  # noqa: BLE001  (unreachable or no psycopg: reported as an error entry)
        return None
    return f"{PG_SERVER}/{PG_DATABASE}"


def timed_generate(residents: int) -> dict:
    """In this process's database: migrate, then time `generate_city` alone."""
    import django

    django.setup()
    from django.core.management import call_command

    from linli.community import citygen

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counts = citygen.generate(residents)
    return {**counts, "seconds": time.perf_counter() - started, "load": os.getloadavg()[0]}


def _results(label: str, residents: int, figures: dict) -> list[dict]:
    how = (f"{figures['communities']} communities, {figures['households']:,} households, "
           f"{figures['tags']:,} tags; load average {figures['load']:.1f} "
           f"on {os.cpu_count()} CPUs")  # fmt: skip
    return [
        {"name": f"generate_city {residents:,} residents ({label})",
         "value": figures["seconds"], "unit": "s", "target": how},
        {"name": f"generate_city rate ({label})", "value": residents / figures["seconds"],
         "unit": "residents/s", "target": TARGET if label == "PostgreSQL" else ""},
    ]  # fmt: skip


def postgresql(residents=PG_RESIDENTS) -> list[dict]:
    url = _pg_ready()
    if url is None:
        raise RuntimeError(f"PostgreSQL unreachable at {PG_SERVER} (run scripts/test-services.sh)")
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("LINLI_", "DJANGO_"))}
    env = keep | {"DJANGO_SETTINGS_MODULE": "linli.settings", "LINLI_DATABASE_URL": url,
                  "PYTHONPATH": str(ROOT)}  # fmt: skip
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(residents)], env=env, cwd=ROOT,
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return _results("PostgreSQL", residents, json.loads(done.stdout.splitlines()[-1]))


def sqlite() -> list[dict]:
    from linli.community import citygen

    started = time.perf_counter()
    counts = citygen.generate(SQLITE_RESIDENTS)
    figures = {**counts, "seconds": time.perf_counter() - started, "load": os.getloadavg()[0]}
    return _results("SQLite", SQLITE_RESIDENTS, figures)


def run() -> list[dict]:
    from bench.run import attempt

    return attempt("generate_city (PostgreSQL)", postgresql) + attempt(
        "generate_city (SQLite)", sqlite
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(timed_generate(int(sys.argv[2]))))
    else:
        # A manual run: `.venv/bin/python bench/bench_city.py 1000000`.
        sys.path.insert(0, str(ROOT))
        for result in postgresql(int(sys.argv[1]) if sys.argv[1:] else PG_RESIDENTS):
            print(f"{result['name']}: {result['value']:.1f} {result['unit']}  {result['target']}")
