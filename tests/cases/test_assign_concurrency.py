"""Two supervisors offering one need at the same moment make one offer, and
simultaneous acceptances never put a professional over capacity.

Each thread has its own database connection, released together at a barrier
(see tests/test_accounts_concurrency.py).
"""

import pytest
from django.db import connection

from linli.cases.assign import AssignRefused, accept, offer
from linli.cases.choices import Category, NeedStatus, Priority
from linli.cases.models import Assignment, Case, CaseEvent
from tests.cases.helpers_assign import make_need
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The in-memory SQLite test database fails a second writer at once instead
    # of letting it wait; the unique constraint still holds there.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

THREADS = 8


def errors_in(results):
    return [r for r in results if isinstance(r, Exception) and not isinstance(r, AssignRefused)]


def test_simultaneous_offers_of_one_need_make_one_offer(world, people):
    need = make_need(world.household3, Category.PSYCH, Priority.P2)
    pros = [people.psychologist, people.social_worker, people.supervisor, people.doctor]
    by = [world.users["staff"], people.supervisor.user]

    results = simultaneously(lambda i: offer(need, pros[i % 4], by[i % 2]), n=THREADS)

    assert errors_in(results) == []
    assert Assignment.objects.filter(need=need).count() == 1
    assert sum(isinstance(r, Assignment) for r in results) == 1
    assert {r.code for r in results if isinstance(r, AssignRefused)} == {"not_new"}
    assert CaseEvent.objects.filter(need=need).count() == 1
    need.refresh_from_db()
    assert need.status == NeedStatus.OFFERED


def test_simultaneous_acceptances_stay_within_capacity(world, people):
    people.psychologist.capacity = 2
    people.psychologist.save()
    offers = [
        offer(make_need(world.household3, Category.PSYCH, text=f"{i}"), people.psychologist,
              world.users["staff"])
        for i in range(4)
    ]  # fmt: skip

    results = simultaneously(lambda i: accept(offers[i], world.users["psychologist"]), n=4)

    assert errors_in(results) == []
    assert Case.objects.filter(lead=people.psychologist).count() == 2
    assert {r.code for r in results if isinstance(r, AssignRefused)} == {"full"}
