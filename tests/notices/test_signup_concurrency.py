"""Seats hold when many sign up at the same moment: never more sign-ups than
seats, and one resident pressing many times gets one seat.

Each thread has its own database connection, released together at a barrier
(see tests/test_accounts_concurrency.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from linli.community.models import Household, Resident
from linli.notices.choices import ActivityKind
from linli.notices.learning import Activity, ActivityFull, SignUp
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

THREADS = 12
SEATS = 5


@pytest.fixture
def activity(world):
    return Activity.objects.create(
        community=world.community, kind=ActivityKind.CLASS, title="线上防疫课",
        starts_at=timezone.now() + timedelta(days=1), link="https://meeting.example/1",
        capacity=SEATS,
    )  # fmt: skip


def test_simultaneous_sign_ups_never_exceed_the_seats(world, activity):
    residents = [
        Resident.objects.create(
            household=Household.objects.create(building=world.building3, room=f"{500 + i}"),
            name=f"居民{i}",
        )
        for i in range(THREADS)
    ]

    results = simultaneously(lambda i: activity.sign_up(residents[i], by=None), n=THREADS)

    errors = [r for r in results if isinstance(r, Exception) and not isinstance(r, ActivityFull)]
    assert errors == []
    assert SignUp.objects.filter(activity=activity).count() == SEATS
    assert sum(isinstance(r, ActivityFull) for r in results) == THREADS - SEATS


def test_one_resident_pressing_many_times_at_once_gets_one_seat(world, activity):
    results = simultaneously(lambda i: activity.sign_up(world.huangbin, by=None), n=THREADS)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert SignUp.objects.filter(activity=activity).count() == 1
