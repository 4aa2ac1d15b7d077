"""Claims hold when volunteers tap "我来" at the same moment: one wins, the others
are told, and nothing is counted twice.

Each thread has its own database connection, like requests on several app
servers, released together at a barrier (see tests/test_accounts_concurrency.py).
"""

import pytest
from django.db import connection

from linli.cases import tasks
from linli.cases.choices import TaskKind, TaskStatus
from linli.cases.models import Volunteer, VolunteerTask
from tests.conftest import make_user
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The in-memory SQLite test database fails a second writer at once instead of
    # letting it wait; the claim is one conditional UPDATE on either database.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

THREADS = 8


@pytest.fixture
def volunteers(world):
    return [
        Volunteer.objects.create(
            user=make_user(f"vol{i}", "volunteer", community=world.community),
            name=f"志愿者{i}",
            community=world.community,
        )
        for i in range(THREADS)
    ]


def test_simultaneous_claims_of_one_task_have_exactly_one_winner(world, volunteers):
    job = tasks.create(world.community, TaskKind.DELIVERY, "送物资上门")

    results = simultaneously(lambda i: tasks.claim(job, volunteers[i]), n=THREADS)

    errors = [r for r in results if isinstance(r, Exception)]
    assert all(isinstance(e, tasks.TaskRefused) for e in errors), errors
    winners = [r for r in results if isinstance(r, VolunteerTask)]
    assert len(winners) == 1 and len(errors) == THREADS - 1
    assert all("刚被别的志愿者认领了" in e.message for e in errors)
    job.refresh_from_db()
    assert job.status == TaskStatus.CLAIMED and job.volunteer == winners[0].volunteer


def test_simultaneous_completions_count_the_minutes_once(world, volunteers):
    job = tasks.claim(tasks.create(world.community, TaskKind.VISIT, "探访"), volunteers[0])

    results = simultaneously(lambda i: tasks.complete(job, volunteers[0], 30 + i), n=THREADS)

    assert not [r for r in results if isinstance(r, Exception)]
    job.refresh_from_db()
    assert job.status == TaskStatus.DONE and 30 <= job.minutes < 30 + THREADS
    assert volunteers[0].hours() == job.minutes / 60


def test_simultaneous_daily_runs_make_one_call_per_resident(world):
    from datetime import date

    from linli.community.models import Household, Resident, ResidentTag

    households = Household.objects.bulk_create(
        Household(building=world.building5, room=str(600 + i)) for i in range(50)
    )
    residents = Resident.objects.bulk_create(Resident(household=h, name="老人") for h in households)
    ResidentTag.objects.bulk_create(ResidentTag(resident=r, tag="elderly_alone") for r in residents)

    results = simultaneously(lambda i: tasks.create_check_calls(date(2020, 2, 20)), n=4)

    assert not [r for r in results if isinstance(r, Exception)]
    assert VolunteerTask.objects.filter(kind=TaskKind.CHECK_CALL).count() == 51
