"""An urgent chat draft alerts once when its bot sends it many times at once, and is
escalated once when `escalate_needs` runs several times at the same moment.

Each thread has its own database connection, released together at a barrier.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from linli.chat import alerts, drafts
from linli.chat.choices import AlertKind
from linli.chat.models import ChatAlert, ChatMessage
from linli.outbound.models import Delivery
from tests.chat.conftest import make_group
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The in-memory SQLite test database fails a second writer at once instead of waiting.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

THREADS = 6
CRISIS = "邻居说她不想活了"
SENT = "2020-02-20T09:31:00+08:00"


@pytest.fixture
def group(world, channels_on, community_robot):
    staff = world.users["staff"]
    staff.phone = "13600000009"
    staff.save()
    return make_group(world, building=world.building3).group


def test_a_crisis_sent_many_times_at_once_is_one_draft_with_one_alert(group):
    results = simultaneously(lambda i: drafts.receive(group, "张阿姨", CRISIS, SENT)[1], THREADS)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert results.count(True) == 1
    assert ChatMessage.objects.count() == 1 and ChatAlert.objects.count() == 1
    assert sorted(Delivery.objects.values_list("channel", flat=True)) == ["sms", "wecom"]


def test_escalation_run_at_once_escalates_each_urgent_draft_once(group):
    for minute in range(3):
        drafts.receive(group, "张阿姨", CRISIS, f"2020-02-20T09:3{minute}:00+08:00")
    ChatMessage.objects.update(received_at=timezone.now() - timedelta(hours=1))
    queued = Delivery.objects.count()
    results = simultaneously(lambda i: alerts.escalate_overdue(), THREADS)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sum(results) == 3
    assert ChatAlert.objects.filter(kind=AlertKind.ESCALATED).count() == 3
    assert Delivery.objects.count() == queued + 3  # the robot, once each; no supervisor here
