"""`make bench`: run every bench/bench_*.py and write bench/results.json.

Each module's `run()` returns a list of results, dicts of
`{"name": str, "value": float, "unit": str}` with optional
`"baseline": {"value": float, "note": str}` and `"target": str`. A result with
an `"error"` (and a None value) reports a benchmark that could not measure.

The harness works in a temporary directory: it points Django at a SQLite file
there before `django.setup()`, migrates it once into a template, and gives each
module a fresh copy of it. A module that needs another empty database (to time
`linli demo` twice, say) calls `fresh_database()`. A module that raises is
reported as an error entry and the others still run; the exit status is 1 when
any result is an error.
"""

import datetime
import importlib.util
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results.json"
_TEMPLATE = "template.sqlite3"


def fresh_database() -> Path:
    """Point the default connection at a new, migrated, empty SQLite database."""
    from django.conf import settings
    from django.db import connections

    workdir = Path(os.environ["LINLI_BENCH_DIR"])
    connections.close_all()
    path = workdir / f"bench-{len(list(workdir.glob('bench-*.sqlite3'))) + 1}.sqlite3"
    shutil.copyfile(workdir / _TEMPLATE, path)
    # The same switch Django's test runner makes to use its test database.
    settings.DATABASES["default"]["NAME"] = str(path)
    connections["default"].settings_dict["NAME"] = str(path)
    return path


def _prepare(workdir: Path) -> None:
    os.environ["LINLI_BENCH_DIR"] = str(workdir)
    os.environ["LINLI_DATABASE_URL"] = f"sqlite:///{workdir / _TEMPLATE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "linli.settings"
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("migrate", verbosity=0)
    connections.close_all()  # a closed SQLite file in WAL mode is whole: safe to copy


def _error(name: str, message: str) -> dict:
    return {"name": name, "value": None, "unit": "", "error": message}


def attempt(name: str, measure) -> list[dict]:
    """One sub-benchmark; a failure becomes an error entry and the others still run."""
    try:
        return measure()
    except Exception as exc:
        return [_error(name, f"{type(exc).__name__}: {exc}")]


def _checked(module: str, result) -> dict:
    """A result as written to results.json, or an error entry saying what is wrong with it."""
    if not isinstance(result, dict) or not isinstance(result.get("name"), str):
        return _error(module, f"not a result: {result!r}")
    if result.get("error"):
        return {**result, "value": None, "unit": result.get("unit", "")}
    if not isinstance(result.get("value"), int | float) or not isinstance(result.get("unit"), str):
        return _error(result["name"], f"needs a numeric value and a unit: {result!r}")
    return {**result, "value": float(result["value"])}


def run_module(path: Path) -> list[dict]:
    name = path.stem
    try:
        spec = importlib.util.spec_from_file_location(f"bench.{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        results = module.run()
        return [_checked(name, result) for result in results]
    except Exception as exc:
        traceback.print_exc()
        return [_error(name, f"{type(exc).__name__}: {exc}")]


def _figure(value) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if abs(value) >= 100 or value == int(value) else f"{value:.3g}"


def table(results: list[dict]) -> str:
    rows = [("benchmark", "value", "unit", "baseline", "target")]
    for r in results:
        baseline = r.get("baseline")
        rows.append((
            r["name"],
            "ERROR" if r.get("error") else _figure(r["value"]),
            r.get("unit", ""),
            f"{_figure(baseline['value'])} ({baseline['note']})" if baseline else "",
            r.get("error") or r.get("target", ""),
        ))  # fmt: skip
    widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[4]
             for row in rows]  # fmt: skip
    lines.insert(1, "-" * max(len(line) for line in lines))
    return "\n".join(line.rstrip() for line in lines)


def main(only=()) -> int:
    """Run every module, or only those named (`python bench/run.py bench_matching`);
    a partial run prints its table and leaves results.json as it was."""
    results = []
    with tempfile.TemporaryDirectory(prefix="linli-bench-") as workdir:
        _prepare(Path(workdir))
        for path in sorted(BENCH_DIR.glob("bench_*.py")):
            if only and path.stem not in only:
                continue
            started = time.perf_counter()
            print(f"==> {path.name}", flush=True)
            fresh_database()
            results += run_module(path)
            print(f"    {time.perf_counter() - started:.1f} s", flush=True)
        from django.db import connections

        connections.close_all()
    report = {
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "database": "SQLite (fresh temporary file per benchmark module)",
        "results": results,
    }
    if only:
        print(table(results))
        return 1 if any(r.get("error") for r in results) else 0
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(results))
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 1 if any(r.get("error") for r in results) else 0


if __name__ == "__main__":
    # Run as a script, this file is __main__; benchmarks import `bench.run`. Going
    # through that one module keeps a single copy of the harness.
    sys.path.insert(0, str(ROOT))
    from bench.run import main as harness_main

    sys.exit(harness_main(sys.argv[1:]))
