"""Back up and restore the whole database (`linli backup`, `linli restore`).

SQLite is copied with SQLite's online backup, which is consistent while the
server keeps writing; copying the file is not (in WAL mode the newest writes
sit in the -wal file). PostgreSQL is dumped with pg_dump in its custom format
and read back with pg_restore in one transaction, so a restore that fails
half-way leaves the database as it was.

Backups hold phone and ID numbers: they are written readable by their owner
only, under a temporary name first, so a crash never leaves a torn file that
looks like a backup.
"""

import datetime
import glob
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connections
from django.utils.translation import gettext as _

from linli.community.models import Household, Resident

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    pass


def default_database() -> dict:
    return connections["default"].settings_dict


def is_sqlite(db: dict) -> bool:
    return db["ENGINE"].endswith("sqlite3")


# Backing up


def backup(dest: Path, db: dict | None = None, now: datetime.datetime | None = None) -> Path:
    """Write a backup of `db` (the configured database) into the directory
    `dest`; returns its path."""
    db = db or default_database()
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = Path(dest) / f"linli-{stamp}.{'sqlite3' if is_sqlite(db) else 'dump'}"
    partial = target.with_name(target.name + ".part")
    old_umask = os.umask(0o077)
    try:
        Path(dest).mkdir(parents=True, exist_ok=True)
        if is_sqlite(db):
            _sqlite_copy(_sqlite_uri(db["NAME"], read_only=True), str(partial))
        else:
            _run(
                [find_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"]
                + _pg_args(db)
                + [db["NAME"]],
                db,
            )
        partial.chmod(0o600)
        os.replace(partial, target)
    finally:
        os.umask(old_umask)
        partial.unlink(missing_ok=True)
    return target


def _sqlite_uri(name: str, read_only: bool = False) -> str:
    # A URI, so that read-only never creates an empty file at a mistyped path.
    return Path(name).resolve().as_uri() + ("?mode=ro" if read_only else "")


def _sqlite_copy(source_uri: str, target: str) -> None:
    source = sqlite3.connect(source_uri, uri=True, timeout=20)
    try:
        copy = sqlite3.connect(target, timeout=20)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


# Restoring


def restore(file: Path, db: dict | None = None, yes: bool = False) -> dict:
    """Replace the database's contents with the backup `file`.

    Refuses (BackupError) when the database already holds a registry or
    accounts, unless `yes`. Returns the counts of what is there afterwards.
    """
    db = db or default_database()
    file = Path(file)
    kind = _kind_of(file)
    if kind != ("sqlite" if is_sqlite(db) else "postgresql"):
        raise BackupError(
            _("%(file)s 是 %(kind)s 的备份，而当前数据库是 %(engine)s，不能恢复到这里")
            % {"file": file, "kind": kind, "engine": "SQLite" if is_sqlite(db) else "PostgreSQL"}
        )
    unknown = sorted(backup_migrations(file, kind, db) - known_migrations())
    if unknown:
        # A backup from a newer Linli: this code would run on tables it does not
        # know, and `linli migrate` cannot step them back. Refused even with --yes.
        raise BackupError(
            _(
                "%(file)s 来自更新的 Linli 版本（有本版本没有的数据库迁移：%(names)s），"
                "请先升级再恢复"
            )
            % {"file": file, "names": ", ".join(f"{a}.{n}" for a, n in unknown[:5])}
        )
    present = counts(db)
    if not yes and any(present.values()):
        raise BackupError(
            _(
                "目标数据库里已有数据（%(households)d户，%(residents)d位居民，%(users)d个账号），"
                "恢复会整个覆盖它。确认要覆盖，请加 --yes。"
            )
            % present
        )
    extra = [] if is_sqlite(db) else _pg_tables_not_in(file, db)
    if extra:
        # pg_restore --clean drops only what the dump holds: these would stay,
        # with their rows, and `linli migrate` would then fail to create them.
        raise BackupError(
            _(
                "当前数据库有备份里没有的表（来自更新的版本）：%(tables)s。请恢复到一个新建的空数据库"
            )
            % {"tables": ", ".join(extra[:5])}
        )
    # Our own connection must not hold the tables the restore replaces.
    connections.close_all()
    if is_sqlite(db):
        _sqlite_copy(_sqlite_uri(str(file), read_only=True), db["NAME"])
    else:
        _run(
            [find_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", f"--dbname={db['NAME']}"]
            + _pg_args(db)
            + [str(file)],
            db,
        )  # fmt: skip
    return counts(db)


def _kind_of(file: Path) -> str:
    try:
        with open(file, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(_("无法读取备份文件：%(error)s") % {"error": exc}) from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(
        _("%(file)s 不是 Linli 的备份（SQLite 数据库或 pg_dump 文件）") % {"file": file}
    )


def known_migrations() -> set[tuple[str, str]]:
    """(app, name) of every migration this code has on disk."""
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def backup_migrations(file: Path, kind: str, db: dict) -> set[tuple[str, str]]:
    """(app, name) of the migrations recorded as applied in the backup `file`."""
    if kind == "sqlite":
        conn = sqlite3.connect(_sqlite_uri(str(file), read_only=True), uri=True, timeout=20)
        try:
            return set(conn.execute("SELECT app, name FROM django_migrations").fetchall())
        except sqlite3.OperationalError:
            return set()
        finally:
            conn.close()
    # The table's rows as pg_restore would load them: COPY … FROM stdin; then
    # tab-separated id, app, name, applied, up to a line "\.".
    env = dict(os.environ, PGPASSWORD=db.get("PASSWORD") or "")
    argv = [find_tool("pg_restore"), "--data-only", "--table=django_migrations", "--file=-"]
    result = subprocess.run(argv + [str(file)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s 失败：%(error)s")
            % {"tool": "pg_restore", "error": result.stderr.strip()[-2000:]}
        )
    found, inside = set(), False
    for line in result.stdout.splitlines():
        if line.startswith("COPY ") and "django_migrations" in line:
            inside = True
        elif inside and line == "\\.":
            inside = False
        elif inside:
            fields = line.split("\t")
            if len(fields) >= 3:
                found.add((fields[1], fields[2]))
    return found


def _pg_tables_not_in(file: Path, db: dict) -> list[str]:
    """Tables of the database's public schema that the dump `file` does not hold."""
    listing = subprocess.run(
        [find_tool("pg_restore"), "--list", str(file)], capture_output=True, text=True
    )
    if listing.returncode != 0:
        raise BackupError(
            _("%(tool)s 失败：%(error)s")
            % {"tool": "pg_restore", "error": listing.stderr.strip()[-2000:]}
        )
    dumped = set()
    for line in listing.stdout.splitlines():
        # "215; 1259 16390 TABLE public accounts_user linli" (not "TABLE DATA …")
        words = line.split()
        if "TABLE" in words[:5] and words[words.index("TABLE") + 1 :][:1] == ["public"]:
            dumped.add(words[words.index("TABLE") + 2])
    import psycopg

    with psycopg.connect(autocommit=True, **_pg_conninfo(db)) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted({name for (name,) in rows} - dumped)


def counts(db: dict | None = None) -> dict:
    """Households, residents and accounts in `db`, read directly (0 for a table
    not created yet), so it works on any database, configured or not."""
    db = db or default_database()
    tables = {
        "households": Household._meta.db_table,
        "residents": Resident._meta.db_table,
        "users": get_user_model()._meta.db_table,
    }
    if is_sqlite(db):
        if not Path(db["NAME"]).exists():
            return dict.fromkeys(tables, 0)
        conn = sqlite3.connect(_sqlite_uri(db["NAME"], read_only=True), uri=True, timeout=20)
        missing = sqlite3.OperationalError
    else:
        import psycopg

        conn = psycopg.connect(autocommit=True, **_pg_conninfo(db))
        missing = psycopg.errors.UndefinedTable
    try:
        found = {}
        for key, table in tables.items():
            try:
                found[key] = conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            except missing:
                found[key] = 0
        return found
    finally:
        conn.close()


# PostgreSQL's tools


def find_tool(name: str) -> str:
    """pg_dump or pg_restore: on PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    if candidates:
        return max(candidates, key=lambda p: [int(n) for n in re.findall(r"\d+", p)])
    raise BackupError(
        _("找不到 %(tool)s：请安装与数据库服务器同版本或更新的 postgresql-client") % {"tool": name}
    )


def _pg_conninfo(db: dict) -> dict:
    info = {"dbname": db["NAME"], "user": db.get("USER") or None}
    info |= {"password": db.get("PASSWORD") or None, "host": db.get("HOST") or None}
    info["port"] = db.get("PORT") or None
    return {k: v for k, v in info.items() if v is not None}


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    return args + ["--no-password"]


def _run(argv: list[str], db: dict) -> None:
    # The password goes through the environment, never the command line (ps shows it).
    env = dict(os.environ, PGPASSWORD=db.get("PASSWORD") or "")
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s 失败：%(error)s")
            % {"tool": Path(argv[0]).name, "error": result.stderr.strip()[-2000:]}
        )
