#!/usr/bin/env bash
# Exit 0 when the PostgreSQL database at $1 (a postgresql:// URL) accepts a
# login, so `make test` can tell "not here" from "here but the tests fail".
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${VENV:-.venv}/bin/python" - "$1" <<'PY'
import sys

import psycopg

try:
    psycopg.connect(sys.argv[1], connect_timeout=5).close()
except psycopg.Error as exc:
    print(f"PostgreSQL is not reachable: {exc}".strip(), file=sys.stderr)
    sys.exit(1)
PY
