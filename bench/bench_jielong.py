"""接龙 parser: throughput on a generated 100,000-line post, how time grows with the
input (10,000 lines against 100,000), and peak memory for a 10 MB paste.

Each measurement runs in its own Python process pinned to one CPU, timing CPU
time (so that other work on the machine does not count), with a fresh catalog so
that the parser's caches start cold. Runs alone too:

    .venv/bin/python bench/bench_jielong.py
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINES = 100_000
PASTE_MB = 10


def _one_core() -> None:
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[-1]})


def _catalog():
    # The pure parser only: no Django in these processes.
    from linli.groupbuy.jielong import Catalog, read_catalog_csv

    csv = ROOT / "linli" / "groupbuy" / "data" / "catalog.csv"
    return Catalog(read_catalog_csv(csv.read_text(encoding="utf-8")))


def _cpu_seconds(text: str, repeat: int) -> tuple[float, int]:
    from linli.groupbuy.jielong import parse

    best, entries = float("inf"), 0
    for _ in range(repeat):
        catalog = _catalog()
        started = time.process_time()
        entries = len(parse(text, catalog).entries)
        best = min(best, time.process_time() - started)
    return best, entries


def _worker_scaling() -> dict:
    from tests.groupbuy.post_factory import jielong_post

    small, small_entries = _cpu_seconds(jielong_post(LINES // 10), repeat=3)
    large, large_entries = _cpu_seconds(jielong_post(LINES), repeat=2)
    assert small_entries == LINES // 10 and large_entries == LINES
    return {"small": small, "large": large}


def _worker_memory(path: str) -> dict:
    """What `linli parse_jielong` does, without Django: read, decode, parse, print."""
    from linli.groupbuy.jielong import decode_text, parse

    data = Path(path).read_bytes()
    size = len(data)
    text = decode_text(data)
    del data
    result = parse(text, _catalog())
    with open(os.devnull, "w", encoding="utf-8") as out:
        result.write_json(out.write)
    return {"peak_mb": _peak_kb() / 1024, "bytes": size, "entries": len(result.entries)}


def _peak_kb() -> int:
    """This process's own peak resident memory. Not getrusage's ru_maxrss: on Linux
    it survives fork and exec, so a worker started by a big parent (bench/run.py,
    with Django and every other benchmark loaded) reported the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _in_subprocess(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", *args], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} worker failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from tests.groupbuy.post_factory import jielong_post_of_size

    scaling = _in_subprocess("scaling")
    with tempfile.TemporaryDirectory(prefix="linli-jielong-") as tmp:
        paste = Path(tmp) / "paste.txt"
        paste.write_text(jielong_post_of_size(PASTE_MB), encoding="utf-8")
        memory = _in_subprocess("memory", str(paste))
    return [
        {
            "name": "jielong: parse throughput, 100,000-line post, one core",
            "value": LINES / scaling["large"],
            "unit": "entry lines/s",
            "target": ">= 20000 entry lines/s",
        },
        {
            "name": "jielong: time for 10x the input (100,000 vs 10,000 lines)",
            "value": scaling["large"] / scaling["small"],
            "unit": "x",
            "baseline": {"value": 10.0, "note": "exactly linear"},
            "target": "<= 12 (linear)",
        },
        {
            "name": f"jielong: peak memory parsing a {PASTE_MB} MB paste "
            f"({memory['entries']} entries)",
            "value": memory["peak_mb"],
            "unit": "MB",
            "target": "< 200 MB (whole process)",
        },
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:2] == ["--worker"]:
        _one_core()
        worker = {"scaling": _worker_scaling, "memory": _worker_memory}[sys.argv[2]]
        print(json.dumps(worker(*sys.argv[3:])))
    else:
        for result in run():
            print(f"{result['name']}: {result['value']:.3g} {result['unit']}  ({result['target']})")
