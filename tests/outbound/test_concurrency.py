"""Senders on several servers at once: each delivery goes out once.

Each thread has its own database connection, released together at a barrier
(tests/test_accounts_concurrency.py); the robot is a real HTTP server counting
what it receives.
"""

from collections import Counter

import pytest
from django.db import connection

from linli.outbound.choices import Status
from linli.outbound.dispatch import send_due
from linli.outbound.models import Delivery
from tests.outbound.helpers import make_delivery
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The in-memory SQLite test database fails a second writer at once instead of
    # letting it wait; SQLite deployments run one sender.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

MESSAGES = 40
SENDERS = 4


def test_concurrent_senders_send_each_delivery_once(world, channels_on, robot, community_robot):
    for i in range(MESSAGES):  # one robot: one row per message, each for its own object
        make_delivery(world.community, "wecom", community_robot.name, f"第{i}条", object_id=i + 1)
    robot.delay = 0.02  # a robot that takes a moment, as a real one does

    results = simultaneously(lambda i: send_due(), n=SENDERS)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert sum(r["sent"] for r in results) == MESSAGES
    assert sum(1 for r in results if r["sent"]) >= 2  # the work was really shared
    assert Counter(robot.contents()) == Counter({f"第{i}条": 1 for i in range(MESSAGES)})
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.SENT}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
