"""Read settings from environment variables, failing loudly on bad values.

A typo in a production environment file must stop the server at start-up,
not surface later as a silently ignored setting.
"""

import os
import secrets
from pathlib import Path


class ConfigError(Exception):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean; use true or false")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ConfigError(f"{name} is set but empty; give a comma-separated list")
    return items


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None


def database_config(url: str, base_dir: Path) -> dict:
    import dj_database_url

    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ConfigError(
            f"LINLI_DATABASE_URL={url!r} is not a sqlite:/// or postgresql:// address"
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ConfigError(f"LINLI_DATABASE_URL is not usable: {exc}") from None
    if config["ENGINE"].endswith("sqlite3"):
        name = Path(config["NAME"])
        if not name.is_absolute() and str(name) != ":memory:":
            config["NAME"] = str(base_dir / name)
        # Several processes (server, commands) share one SQLite file: wait for
        # the write lock rather than failing at once, and write ahead so readers
        # never block the writer.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    return config


def secret_key(var_dir: Path, production: bool) -> str:
    """Take LINLI_SECRET_KEY, or generate one once into var/ outside production."""
    key = os.environ.get("LINLI_SECRET_KEY")
    if key is not None:
        if len(key) < 32:
            raise ConfigError("LINLI_SECRET_KEY must be at least 32 characters long")
        return key
    if production:
        raise ConfigError("LINLI_SECRET_KEY must be set when LINLI_DEBUG is false")
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key
