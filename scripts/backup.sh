#!/usr/bin/env bash
# Back up Linli's database into a directory (default var/backups), readable by
# the owner only: the registry holds phone and ID numbers.
#
#   scripts/backup.sh [DEST_DIR]
#
# Reads the same environment as the server (LINLI_DATABASE_URL, or SQLite in
# var/). SQLite is copied with SQLite's online backup, which is consistent
# while the server keeps writing (copying the file is not, in WAL mode).
# PostgreSQL is dumped with pg_dump in its custom format (restore: pg_restore).
# Prints the path of the backup.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-var/backups}"
umask 077
mkdir -p "$dest"

exec "${VENV:-.venv}/bin/python" - "$dest" <<'PY'
import datetime
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
from django.conf import settings  # noqa: E402

db = settings.DATABASES["default"]
stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
dest = Path(sys.argv[1])

if db["ENGINE"].endswith("sqlite3"):
    target = dest / f"linli-{stamp}.sqlite3"
    source = sqlite3.connect(f"file:{db['NAME']}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    with copy:
        source.backup(copy)
    copy.close()
    source.close()
else:
    target = dest / f"linli-{stamp}.dump"
    env = dict(os.environ, PGPASSWORD=db["PASSWORD"] or "")
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={target}",
         f"--host={db['HOST'] or 'localhost'}", f"--port={db['PORT'] or 5432}",
         f"--username={db['USER']}", db["NAME"]],
        env=env, check=True,
    )  # fmt: skip
target.chmod(0o600)
print(target)
PY
