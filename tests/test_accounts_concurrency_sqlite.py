"""The rate limits hold for several processes sharing one SQLite file.

That is how a small community runs Linli: a few gunicorn workers, one SQLite
file. Each process here starts its request at the same moment through a barrier.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parent.parent
# Runs in the suite's SQLite pass; the PostgreSQL pass has test_accounts_concurrency.py.
pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite pass runs it")
PROCESSES = 6

SCRIPT = """
import multiprocessing, sys
import django
django.setup()  # opens no connection: each worker opens its own, as a gunicorn worker does

from linli.accounts import otp
from linli.accounts.models import LoginFailure, OneTimeCode

def ask(barrier, i, answers, how):
    if how == "phone":
        phone, address = "13911112222", f"10.0.0.{i}"
    else:
        phone, address = f"139111100{i:02}", "203.0.113.7"
    barrier.wait()
    if how == "password":
        # A wrong password stays counted as reserved; None means refused.
        answers.put("sent" if LoginFailure.reserve("futingting", f"10.0.0.{i}") else "refused")
        return
    try:
        otp.request_code(phone, address)
        answers.put("sent")
    except otp.OtpRefused:
        answers.put("refused")

how, n = sys.argv[1], int(sys.argv[2])
fork = multiprocessing.get_context("fork")
barrier, answers = fork.Barrier(n), fork.Queue()
workers = [fork.Process(target=ask, args=(barrier, i, answers, how)) for i in range(n)]
for w in workers: w.start()
for w in workers: w.join()
said = sorted(answers.get() for _ in workers)
rows = (LoginFailure if how == "password" else OneTimeCode).objects.count()
print(said.count("sent"), said.count("refused"), rows)
"""


def environment(database):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LINLI_", "DJANGO_"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "linli.settings",
        "LINLI_DATABASE_URL": f"sqlite:///{database}",
        "LINLI_SECRET_KEY": "test-" * 10,
        "LINLI_SMS_BACKEND": "linli.accounts.sms.MemoryBackend",
        "LINLI_OTP_PER_PHONE_PER_HOUR": "2",
        "LINLI_OTP_PER_ADDRESS_PER_HOUR": "2",
    }


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """An empty, migrated database file, made once and copied for each test."""
    database = tmp_path_factory.mktemp("sqlite") / "linli.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "linli.manage", "migrate", "-v0"],
        cwd=REPO, env=environment(database), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return database


def run(migrated, tmp_path, how, processes=PROCESSES):
    database = tmp_path / "linli.sqlite3"
    shutil.copy(migrated, database)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, how, str(processes)],
        cwd=REPO, env=environment(database), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return [int(n) for n in result.stdout.split()]


def test_simultaneous_requests_for_one_phone_from_several_processes_stay_within_its_limit(
    migrated, tmp_path
):
    assert run(migrated, tmp_path, "phone") == [2, PROCESSES - 2, 2]


def test_simultaneous_requests_from_one_address_in_several_processes_stay_within_its_limit(
    migrated, tmp_path
):
    assert run(migrated, tmp_path, "address") == [2, PROCESSES - 2, 2]


def test_simultaneous_password_guesses_from_several_processes_stay_within_the_username_limit(
    migrated, tmp_path
):
    assert run(migrated, tmp_path, "password", processes=13) == [10, 3, 10]
