"""Migrations on a populated PostgreSQL database: the demo community loaded,
then each app stepped back one migration and forward again, losing no row."""

import subprocess
import sys

import pytest
from django.db import connection

from tests.faults.scratch import REPO

pytestmark = [
    pytest.mark.django_db,  # the scratch database is copied from the test database
    pytest.mark.skipif(connection.vendor == "sqlite", reason="the PostgreSQL pass runs it"),
]


def test_each_app_steps_back_and_forward_over_the_demo_data(scratch):
    demo = scratch.linli("demo", "--residents", "300")
    assert demo.returncode == 0, demo.stderr
    households = scratch.rows("SELECT COUNT(*) FROM community_household")[0][0]
    assert households > 100

    cycle = subprocess.run(
        [sys.executable, "-m", "tests.faults.migrate_cycle"], cwd=REPO, env=scratch.env(),
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert cycle.returncode == 0, cycle.stdout + cycle.stderr
    stepped = cycle.stdout.splitlines()
    print(cycle.stdout)
    # Not a test that skips everything: the apps whose latest migration stands
    # alone were stepped.
    assert sum("->" in line for line in stepped) >= 5, stepped
    assert scratch.rows("SELECT COUNT(*) FROM community_household")[0][0] == households
