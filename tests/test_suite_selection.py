"""The PostgreSQL pass of `make test` runs with --database-only: it must keep every
test that touches the database and drop only those that cannot."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "tests/test_registry_models.py"  # every test takes the `world` fixture
PURE = "tests/groupbuy/test_jielong_quantities.py"  # the parser has no Django at all


def test_database_only_keeps_the_database_tests_and_drops_the_pure_ones():
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--co", "-q", "-p", "no:randomly", "--database-only",
         DATABASE, PURE],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    kept = [line for line in out.splitlines() if "::" in line]
    defined = (ROOT / DATABASE).read_text().count("\ndef test_")
    assert len(kept) == defined > 0
    assert all(line.startswith(DATABASE) for line in kept)
