"""scripts/backup.sh copies the database consistently and keeps it private."""

import os
import sqlite3
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_a_sqlite_backup_holds_the_data_and_only_its_owner_may_read_it(tmp_path):
    database = tmp_path / "linli.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE resident (name TEXT)")
        db.executemany("INSERT INTO resident VALUES (?)", [("黄彬",), ("陈兰兰",)])
    # The server keeps its connection open; the last writes may still be in the WAL.
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINLI_")}
    env["LINLI_DATABASE_URL"] = f"sqlite:///{database}"
    result = subprocess.run(
        [REPO / "scripts" / "backup.sh", tmp_path / "backups"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.strip())
    assert backup.parent == tmp_path / "backups"
    assert backup.stat().st_mode & 0o777 == 0o600
    with sqlite3.connect(backup) as copy:
        names = [row[0] for row in copy.execute("SELECT name FROM resident ORDER BY rowid")]
    assert names == ["黄彬", "陈兰兰"]
