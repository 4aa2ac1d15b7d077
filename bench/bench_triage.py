"""The crisis screen's speed: texts a second over the labelled need texts
(tests/cases/data/needs_*.tsv, about 1,000), CPU time of this process, best of
three. Target: 2,000 texts a second or more. Run alone with
`python bench/bench_triage.py`.
"""

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "cases" / "data").glob("needs_*.tsv")):
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts += [row["text"] for row in reader]
    return texts


def measure() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from linli.cases.triage import triage

    texts = _texts()
    for text in texts:  # compile the patterns once
        triage(text)
    best = None
    for _ in range(REPEATS):
        started = time.process_time()
        for text in texts:
            triage(text)
        seconds = time.process_time() - started
        best = seconds if best is None else min(best, seconds)
    return [
        {
            "name": f"triage: crisis screen over {len(texts)} labelled need texts",
            "value": round(len(texts) / best),
            "unit": "texts/s",
            "target": ">= 2000 texts/s (CPU time, one core)",
        }
    ]


def run() -> list[dict]:
    from bench.run import attempt

    return attempt("triage", measure)


if __name__ == "__main__":
    for result in measure():
        print(result)
