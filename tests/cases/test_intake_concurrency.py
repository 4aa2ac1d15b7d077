"""Needs hold when the same submission arrives many times at once (a double tap on
a slow phone, a resent request), and when escalation runs twice at the same moment.

Each thread has its own database connection, released together at a barrier.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from linli.cases.choices import Category, Channel, EventKind
from linli.cases.intake import new_token, submit, submit_many
from linli.cases.models import CaseEvent, Need
from tests.cases.need_helpers import make_need
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The in-memory SQLite test database fails a second writer at once instead of waiting.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

THREADS = 8


def _need(world):
    return Need(household=world.household3, category=Category.MEDICINE, text="买药",
                channel=Channel.RESIDENT, entered_by=world.users["resident"])  # fmt: skip


def test_one_token_sent_many_times_at_once_makes_one_need(world):
    token = new_token()
    results = simultaneously(lambda i: submit(_need(world), token)[0].pk, n=THREADS)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert Need.objects.count() == 1 and set(results) == {Need.objects.get().pk}
    assert CaseEvent.objects.filter(kind=EventKind.OPENED).count() == 1


def test_a_pasted_chat_confirmed_many_times_at_once_is_written_once(world):
    token = new_token()
    results = simultaneously(
        lambda i: len(submit_many([_need(world), _need(world)], token)[0]), n=THREADS
    )
    assert results == [2] * THREADS
    assert Need.objects.count() == 2


def test_escalation_run_twice_at_once_escalates_each_need_once(world):
    for _ in range(5):
        need = make_need(world.household3)
        Need.objects.filter(pk=need.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    results = simultaneously(lambda i: Need.objects.escalate_overdue(), n=4)
    assert sum(results) == 5
    assert CaseEvent.objects.filter(kind=EventKind.ESCALATED).count() == 5
