"""kill -9 in the middle of the operations that must be all-or-nothing: a
roster import, receiving a round (shares, state, hand-outs, bills) and a batch
of check-ins. Each runs in its own process on a scratch database, stops at its
pause point with rows written but not committed, and is killed there; then
nothing of it is in the database, and running it again completes it.

Were an operation not one transaction, the rows written before the pause
would have been committed and survive the kill.
"""

import subprocess
import sys
import time

import pytest
from django.db import connection

from linli.audit.models import Action, AuditEntry
from linli.cases.models import VolunteerTask
from linli.community.models import Household, Resident, ResidentTag, RosterImport
from linli.groupbuy.choices import RoundState
from linli.groupbuy.models import Handout, OrderLine, Payment, Receipt, Round
from linli.health.models import CheckIn
from tests.faults.conftest import kill_9, run_worker, wait_for_pause, worker
from tests.faults.scratch import REPO
from tests.faults.worker import HOUSEHOLDS, ROSTER_ROWS

# So that the test database exists: the scratch databases are copied from it.
pytestmark = pytest.mark.django_db


def crash(scratch, scenario, point, file=None):
    proc = worker(scratch, scenario, "seed", "run", file=file, pause=point)
    wait_for_pause(proc, point)
    # Provably mid-way: a transaction that has written is open right now.
    assert scratch.writer_is_open()
    kill_9(proc)
    assert not scratch.writer_is_open()


def test_a_roster_import_killed_mid_way_leaves_no_resident_and_an_unfinished_import(
    scratch, tmp_path
):
    roster = tmp_path / "花名册.csv"
    crash(scratch, "import", "roster_import", file=roster)

    assert scratch.count(Resident) == 0
    assert scratch.count(Household) == 0
    assert scratch.count(ResidentTag) == 0
    assert scratch.count(AuditEntry, "action = %s", [Action.IMPORT]) == 0
    # The staged file is kept (that is the preview's record), never marked imported.
    assert scratch.rows(f'SELECT status FROM "{RosterImport._meta.db_table}"') == [("preview",)]

    run_worker(scratch, "import", "run", file=roster)
    assert scratch.count(Resident) == ROSTER_ROWS
    assert scratch.count(AuditEntry, "action = %s", [Action.IMPORT]) == 1
    assert scratch.count(RosterImport, "status = %s", ["committed"]) == 1


def test_receiving_a_round_killed_mid_way_leaves_the_round_as_it_was(scratch):
    crash(scratch, "receive", "round_receive")

    assert scratch.rows(f'SELECT state FROM "{Round._meta.db_table}"') == [(RoundState.ORDERED,)]
    assert scratch.count(Receipt) == 0
    assert scratch.count(OrderLine, "allocated IS NOT NULL") == 0
    assert scratch.count(Handout) == 0
    assert scratch.count(Payment) == 0
    assert scratch.count(VolunteerTask) == 0

    run_worker(scratch, "receive", "run")
    assert scratch.rows(f'SELECT state FROM "{Round._meta.db_table}"') == [(RoundState.RECEIVED,)]
    assert scratch.count(Receipt) == 2
    assert scratch.count(OrderLine, "allocated IS NULL") == 0
    assert scratch.count(Handout) == HOUSEHOLDS
    assert scratch.count(Payment) == HOUSEHOLDS
    assert scratch.count(VolunteerTask) == 4


def test_a_batch_of_check_ins_killed_after_its_first_one_writes_none(scratch):
    crash(scratch, "checkins", "checkin_batch")

    assert scratch.count(CheckIn) == 0

    run_worker(scratch, "checkins", "run")
    assert scratch.count(CheckIn) == HOUSEHOLDS


@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs row locks: the PostgreSQL pass")
def test_close_rounds_killed_while_it_waits_for_a_round_leaves_them_all_in_one_state(scratch):
    """`linli close_rounds` closes three overdue rounds while an order holds the
    middle one's row lock: the command is killed while it waits there.

    PostgreSQL finishes a statement whose client died, so the rounds all end up
    closed (one UPDATE) — never some closed and some open, which a round-by-round
    loop would leave in either order: the round before the middle one closed,
    the middle one closed by its orphaned statement, the last never reached.
    """
    run_worker(scratch, "rounds", "seed")
    table = Round._meta.db_table
    ids = [row[0] for row in scratch.rows(f'SELECT id FROM "{table}" ORDER BY id')]
    holder = scratch.connect()
    holder.execute("BEGIN")
    holder.execute(f'SELECT id FROM "{table}" WHERE id = %s FOR UPDATE', [ids[1]])
    argv = [sys.executable, "-m", "linli.manage", "close_rounds"]
    proc = subprocess.Popen(argv, cwd=REPO, env=scratch.env(), stdout=subprocess.PIPE)
    try:
        waiting = (
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'"
        )
        deadline = time.monotonic() + 60
        while scratch.rows(waiting, [scratch.name])[0][0] == 0:
            assert proc.poll() is None and time.monotonic() < deadline, "close_rounds never waited"
            time.sleep(0.1)
        kill_9(proc)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    others = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
    deadline = time.monotonic() + 30
    while scratch.rows(others, [scratch.name])[0][0] and time.monotonic() < deadline:
        time.sleep(0.1)

    assert len(scratch.rows(f'SELECT DISTINCT state FROM "{table}"')) == 1
