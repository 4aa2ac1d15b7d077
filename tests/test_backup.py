"""scripts/backup.sh (`linli backup`) copies the database consistently and
keeps it private; `linli restore` refuses what it cannot restore, clearly.
The round trip on both engines is in tests/faults/test_backup_roundtrip.py."""

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from linli.front import backup as backup_module
from linli.front.backup import BackupError, find_tool, restore

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


POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "linli", "USER": "linli",
            "PASSWORD": "", "HOST": "127.0.0.1", "PORT": "5432"}  # fmt: skip


def test_without_pg_dump_anywhere_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup_module.glob, "glob", lambda pattern: [])
    with pytest.raises(BackupError, match="postgresql-client"):
        find_tool("pg_dump")


def test_pg_dump_is_found_under_the_newest_postgresql_when_not_on_the_path(monkeypatch):
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    found = ["/usr/lib/postgresql/9.6/bin/pg_dump", "/usr/lib/postgresql/15/bin/pg_dump",
             "/usr/lib/postgresql/13/bin/pg_dump"]  # fmt: skip
    monkeypatch.setattr(backup_module.glob, "glob", lambda pattern: found)
    assert find_tool("pg_dump") == "/usr/lib/postgresql/15/bin/pg_dump"


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("不是备份")
    with pytest.raises(BackupError, match="不是 Linli 的备份"):
        restore(notes, db=POSTGRES)


def test_a_sqlite_backup_is_not_restored_into_postgresql(tmp_path):
    copy = tmp_path / "linli.sqlite3"
    with sqlite3.connect(copy) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(BackupError, match="PostgreSQL"):
        restore(copy, db=POSTGRES)
