"""linli/env.py: settings come from the environment and bad values stop start-up
with a message that names the variable."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.env import ConfigError, database_config, env_bool, env_int, env_list, secret_key

REPO = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 50


def test_a_boolean_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [
        ("true", True),
        ("1", True),
        ("Yes", True),
        (" on ", True),
        ("false", False),
        ("0", False),
        ("no", False),
        ("OFF", False),
    ]:
        monkeypatch.setenv("LINLI_X", raw)
        assert env_bool("LINLI_X", not expected) is expected


def test_an_unset_boolean_takes_its_default(monkeypatch):
    monkeypatch.delenv("LINLI_X", raising=False)
    assert env_bool("LINLI_X", True) is True
    assert env_bool("LINLI_X", False) is False


WORDS = {"1", "true", "yes", "on", "0", "false", "no", "off", ""}
# What an environment variable can hold: any text without NUL or lone surrogates.
ENV_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


@given(ENV_TEXT.filter(lambda s: s.strip().lower() not in WORDS))
def test_anything_else_is_not_a_boolean_and_the_error_names_the_variable(raw):
    # Hypothesis runs many examples per test, so set the variable by hand
    # rather than through the function-scoped monkeypatch fixture.
    os.environ["LINLI_X"] = raw
    try:
        with pytest.raises(ConfigError, match="LINLI_X"):
            env_bool("LINLI_X", True)
    finally:
        del os.environ["LINLI_X"]


def test_a_typo_in_a_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("LINLI_DEBUG", "ture")
    with pytest.raises(ConfigError, match="LINLI_DEBUG='ture' is not a boolean"):
        env_bool("LINLI_DEBUG", True)


def test_a_list_is_split_on_commas_and_trimmed(monkeypatch):
    monkeypatch.setenv("LINLI_HOSTS", " linli.example.cn, 10.0.0.5 ,")
    assert env_list("LINLI_HOSTS", []) == ["linli.example.cn", "10.0.0.5"]


def test_a_list_set_to_nothing_is_refused_rather_than_read_as_empty(monkeypatch):
    monkeypatch.setenv("LINLI_HOSTS", " , ")
    with pytest.raises(ConfigError, match="LINLI_HOSTS is set but empty"):
        env_list("LINLI_HOSTS", ["default"])


def test_a_number_that_is_not_whole_is_refused(monkeypatch):
    monkeypatch.setenv("LINLI_N", "5.5")
    with pytest.raises(ConfigError, match="LINLI_N='5.5' is not a whole number"):
        env_int("LINLI_N", 1)
    monkeypatch.setenv("LINLI_N", "12")
    assert env_int("LINLI_N", 1) == 12


@pytest.mark.parametrize("url", ["mysql://u:p@db/linli", "linli.sqlite3", "http://db/linli", ""])
def test_a_database_url_that_is_neither_sqlite_nor_postgresql_is_refused(url, tmp_path):
    with pytest.raises(ConfigError, match="LINLI_DATABASE_URL"):
        database_config(url, tmp_path)


def test_a_malformed_postgresql_url_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="LINLI_DATABASE_URL"):
        database_config("postgresql://u:p@db:notaport/linli", tmp_path)


def test_a_postgresql_url_gives_host_port_name_and_persistent_connections(tmp_path):
    config = database_config("postgresql://linli:s3cret@db.internal:6543/linli", tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 6543, "linli")
    assert (config["USER"], config["PASSWORD"]) == ("linli", "s3cret")
    assert config["CONN_MAX_AGE"] == 60


def test_a_relative_sqlite_path_is_taken_from_the_project_directory(tmp_path):
    assert database_config("sqlite:///var/x.sqlite3", tmp_path)["NAME"] == str(
        tmp_path / "var" / "x.sqlite3"
    )
    assert database_config("sqlite:////srv/x.sqlite3", tmp_path)["NAME"] == "/srv/x.sqlite3"
    assert database_config("sqlite:///:memory:", tmp_path)["NAME"] == ":memory:"


def test_sqlite_waits_for_the_write_lock_instead_of_failing(tmp_path):
    config = database_config(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
    assert config["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_a_short_secret_key_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("LINLI_SECRET_KEY", "x" * 31)
    with pytest.raises(ConfigError, match="at least 32 characters"):
        secret_key(tmp_path, production=True)


def test_a_given_secret_key_is_used_as_is(monkeypatch, tmp_path):
    monkeypatch.setenv("LINLI_SECRET_KEY", GOOD_KEY)
    assert secret_key(tmp_path, production=True) == GOOD_KEY
    assert not (tmp_path / "secret_key").exists()


def test_production_without_a_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.delenv("LINLI_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="LINLI_SECRET_KEY must be set"):
        secret_key(tmp_path, production=True)
    assert not (tmp_path / "secret_key").exists()


def test_a_developer_checkout_generates_a_secret_once_and_reuses_it(monkeypatch, tmp_path):
    monkeypatch.delenv("LINLI_SECRET_KEY", raising=False)
    var = tmp_path / "var"
    first = secret_key(var, production=False)
    assert len(first) >= 50
    assert (var / "secret_key").read_text() == first
    # Only the owner may read it: it signs sessions and password-reset links.
    assert (var / "secret_key").stat().st_mode & 0o777 == 0o600
    assert secret_key(var, production=False) == first


def test_two_checkouts_get_different_generated_secrets(monkeypatch, tmp_path):
    monkeypatch.delenv("LINLI_SECRET_KEY", raising=False)
    assert secret_key(tmp_path / "a", production=False) != secret_key(
        tmp_path / "b", production=False
    )


def clean_environment() -> dict:
    """This process's environment without Linli's or Django's own variables: the
    browser tests' conftest, for one, sets DJANGO_ALLOW_ASYNC_UNSAFE for itself."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("LINLI_", "DJANGO_"))}


def load_settings(tmp_path, **env):
    """Import linli.settings in a fresh interpreter with exactly this environment."""
    clean = clean_environment()
    clean["LINLI_DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import linli.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS, s.SECRET_KEY_FALLBACKS)",
        ],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_refuse_a_deployment_without_a_secret_key(tmp_path):
    result = load_settings(tmp_path, LINLI_DEBUG="false", LINLI_ALLOWED_HOSTS="linli.example.cn")
    assert result.returncode != 0
    assert "LINLI_SECRET_KEY must be set when LINLI_DEBUG is false" in result.stderr


def test_settings_refuse_a_deployment_without_host_names(tmp_path):
    result = load_settings(tmp_path, LINLI_DEBUG="false", LINLI_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "LINLI_ALLOWED_HOSTS must be set" in result.stderr


def test_settings_refuse_a_misspelt_debug_flag(tmp_path):
    result = load_settings(tmp_path, LINLI_DEBUG="flase")
    assert result.returncode != 0
    assert "LINLI_DEBUG='flase' is not a boolean" in result.stderr


def test_settings_refuse_a_database_url_they_cannot_use(tmp_path):
    result = load_settings(tmp_path, LINLI_DATABASE_URL="mysql://u:p@db/linli")
    assert result.returncode != 0
    assert "LINLI_DATABASE_URL" in result.stderr


@pytest.mark.parametrize("raw", ["373", "37,3", "hot"])
def test_settings_refuse_a_fever_threshold_that_is_not_a_body_temperature(tmp_path, raw):
    result = load_settings(tmp_path, LINLI_FEVER_THRESHOLD=raw)
    assert result.returncode != 0
    assert "LINLI_FEVER_THRESHOLD must be a temperature between 35 and 40" in result.stderr


def test_settings_accept_a_fever_threshold_in_range(tmp_path):
    result = load_settings(tmp_path, LINLI_FEVER_THRESHOLD="37.5")
    assert result.returncode == 0, result.stderr


def test_settings_start_a_complete_deployment(tmp_path):
    result = load_settings(
        tmp_path,
        LINLI_DEBUG="false",
        LINLI_SECRET_KEY=GOOD_KEY,
        LINLI_ALLOWED_HOSTS="linli.example.cn",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['linli.example.cn'] []"


def test_settings_keep_accepting_old_secret_keys_while_a_new_one_takes_over(tmp_path):
    result = load_settings(
        tmp_path, LINLI_SECRET_KEY=GOOD_KEY, LINLI_SECRET_KEY_FALLBACKS="old-key-1, old-key-2"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("['old-key-1', 'old-key-2']")


def test_a_complete_deployment_passes_djangos_deployment_checks(tmp_path):
    env = clean_environment()
    env.update(
        LINLI_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", LINLI_DEBUG="false",
        LINLI_SECRET_KEY="a-Very-long-and-random-looking-secret-key-0123456789-xyz",
        LINLI_ALLOWED_HOSTS="linli.example.cn",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "linli.manage", "check", "--deploy"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    found = set(re.findall(r"\((\w+\.[EW]\d+)\)", result.stdout + result.stderr))
    # HSTS for subdomains and browser preload lists bind every other site on the
    # domain (often a city's); that is the operator's decision, not Linli's.
    assert found <= {"security.W005", "security.W021"}, result.stdout + result.stderr
