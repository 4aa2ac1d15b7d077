"""Scratch databases for tests that run Linli in other processes (crash tests,
backup round trips, migrations).

A scratch database is a copy of the migrated, empty test database, made in
well under a second: on SQLite with the online backup API into a file, on
PostgreSQL with CREATE DATABASE … TEMPLATE. Its name carries this process's
id, so parallel test runs never share one, and it is dropped afterwards.
"""

import itertools
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

REPO = Path(__file__).resolve().parents[2]
_numbers = itertools.count(1)


class Scratch:
    def __init__(self, vendor: str, settings: dict, url: str):
        self.vendor, self.settings, self.url = vendor, settings, url

    @property
    def name(self) -> str:
        return self.settings["NAME"]

    def env(self, **extra) -> dict:
        """The environment of a Linli process on this database."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("LINLI_")}
        env["LINLI_DATABASE_URL"] = self.url
        env["DJANGO_SETTINGS_MODULE"] = "linli.settings"
        env.update(extra)
        return env

    def connect(self, timeout: float = 20):
        if self.vendor == "sqlite":
            return sqlite3.connect(self.name, timeout=timeout)
        import psycopg

        return psycopg.connect(autocommit=True, **_pg_conninfo(self.settings))

    def rows(self, sql: str, params=()) -> list[tuple]:
        """Read with a fresh connection (`%s` placeholders on both engines)."""
        if self.vendor == "sqlite":
            sql = sql.replace("%s", "?")
        conn = self.connect()
        try:
            return list(conn.execute(sql, params).fetchall())
        finally:
            conn.close()

    def execute(self, sql: str, params=()) -> None:
        """Write and commit (`%s` placeholders on both engines)."""
        if self.vendor == "sqlite":
            sql = sql.replace("%s", "?")
        conn = self.connect()
        try:
            conn.execute(sql, params)
            conn.commit()
        finally:
            conn.close()

    def count(self, model, where: str = "", params=()) -> int:
        sql = f'SELECT COUNT(*) FROM "{model._meta.db_table}"'
        sql += f" WHERE {where}" if where else ""
        return self.rows(sql, params)[0][0]

    def writer_is_open(self) -> bool:
        """Whether a transaction that wrote is open now (and so not yet committed)."""
        if self.vendor == "sqlite":
            probe = sqlite3.connect(self.name, timeout=0)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.rollback()
                return False
            except sqlite3.OperationalError as exc:
                return "locked" in str(exc)
            finally:
                probe.close()
        found = self.rows(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s"
            " AND state = 'idle in transaction' AND backend_xid IS NOT NULL",
            (self.name,),
        )
        return found[0][0] > 0

    def linli(self, *args, **extra_env) -> subprocess.CompletedProcess:
        """Run a `linli` command on this database."""
        return subprocess.run(
            [sys.executable, "-m", "linli.manage", *args], cwd=REPO, env=self.env(**extra_env),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip


def _pg_conninfo(settings: dict, dbname: str | None = None) -> dict:
    info = {
        "dbname": dbname or settings["NAME"], "user": settings.get("USER"),
        "password": settings.get("PASSWORD"), "host": settings.get("HOST"),
        "port": settings.get("PORT"),
    }  # fmt: skip
    return {k: v for k, v in info.items() if v}


def _pg_admin(settings: dict):
    import psycopg

    return psycopg.connect(autocommit=True, **_pg_conninfo(settings, "postgres"))


def _url(settings: dict, name: str) -> str:
    return (
        f"postgresql://{quote(settings['USER'])}:{quote(settings['PASSWORD'] or '')}"
        f"@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{name}"
    )


@contextmanager
def template_database(tmp_dir: Path, django_db_blocker):
    """A copy of the migrated test database, from which scratch databases are
    cloned. Take it before any test transaction is open (a session fixture)."""
    with django_db_blocker.unblock():
        # Never a copy of a real database: only of the test database.
        source = str(connection.settings_dict["NAME"])
        assert "memory" in source or Path(source).name.startswith("test_"), source
        if connection.vendor == "sqlite":
            path = tmp_dir / f"template-{os.getpid()}.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            yield Scratch("sqlite", {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)},
                          f"sqlite:///{path}")  # fmt: skip
            return
        settings = dict(connection.settings_dict)
        name = f"linli_template_{os.getpid()}"
        # A template database must have no other sessions: ours goes first.
        connection.close()
        _drop(settings, name)
        with _pg_admin(settings) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        try:
            yield Scratch("postgresql", dict(settings, NAME=name), _url(settings, name))
        finally:
            _drop(settings, name)


def _drop(settings: dict, name: str) -> None:
    """Drop a scratch database. FORCE ends our own sessions on it, but not an
    autovacuum worker (it belongs to the server's superuser role), which may have
    just started on the freshly written tables: wait for it, a few seconds at most."""
    import psycopg

    for attempt in range(40):
        try:
            with _pg_admin(settings) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            if attempt == 39:
                raise
            time.sleep(0.25)


@contextmanager
def scratch_database(template: Scratch, tmp_dir: Path, empty: bool = False):
    """A fresh copy of `template` (with `empty`: a database without tables),
    named after this process, dropped afterwards."""
    number = next(_numbers)
    if template.vendor == "sqlite":
        path = tmp_dir / f"scratch-{os.getpid()}-{number}.sqlite3"
        if empty:
            sqlite3.connect(path).close()
        else:
            shutil.copyfile(template.name, path)
        yield Scratch("sqlite", dict(template.settings, NAME=str(path)), f"sqlite:///{path}")
        return
    name = f"linli_scratch_{os.getpid()}_{number}"
    source = "template0" if empty else template.name
    _drop(template.settings, name)
    with _pg_admin(template.settings) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    try:
        settings = dict(template.settings, NAME=name)
        yield Scratch("postgresql", settings, _url(template.settings, name))
    finally:
        _drop(template.settings, name)
