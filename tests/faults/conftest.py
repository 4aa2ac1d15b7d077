"""Fixtures of the crash tests: a scratch copy of the test database, and Linli
processes on it that can be stopped mid-operation and killed with SIGKILL."""

import os
import queue
import signal
import subprocess
import sys
import threading

import pytest

from linli.front.faults import ANNOUNCE, ENV
from tests.faults.scratch import REPO, scratch_database, template_database

# How long a process may take to reach its pause point (Django's start-up and
# the seed included) on a busy machine.
PAUSE_TIMEOUT = 60


@pytest.fixture(scope="session")
def scratch_template(tmp_path_factory, django_db_setup, django_db_blocker):
    with template_database(tmp_path_factory.mktemp("scratch"), django_db_blocker) as template:
        yield template


@pytest.fixture
def scratch(scratch_template, tmp_path):
    """A database of its own for the test's Linli processes (the test's own
    `django_db` transaction is on another database and sees none of it)."""
    with scratch_database(scratch_template, tmp_path) as database:
        yield database


def worker(scratch, scenario, *steps, file=None, pause=None):
    """Start `python -m tests.faults.worker` on the scratch database."""
    argv = [sys.executable, "-m", "tests.faults.worker", scenario, *steps]
    if file:
        argv += ["--file", str(file)]
    env = scratch.env(**({ENV: pause} if pause else {}))
    return subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


def run_worker(scratch, scenario, *steps, file=None):
    proc = worker(scratch, scenario, *steps, file=file)
    out, err = proc.communicate(timeout=PAUSE_TIMEOUT * 2)
    assert proc.returncode == 0, err
    return out


def wait_for_pause(proc, name):
    """Block until the process announces it stopped at pause point `name`."""
    lines = queue.Queue()

    def read():
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen = []
    while True:
        try:
            line = lines.get(timeout=PAUSE_TIMEOUT)
        except queue.Empty:
            proc.kill()
            pytest.fail(f"no pause at {name} within {PAUSE_TIMEOUT}s: {''.join(seen)[-2000:]}")
        if line is None:
            pytest.fail(f"the process ended before pausing at {name}: {''.join(seen)[-2000:]}")
        if line.strip() == f"{ANNOUNCE} {name}":
            return
        seen.append(line)


def kill_9(proc):
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=10) == -signal.SIGKILL
    proc.stdout.close()
