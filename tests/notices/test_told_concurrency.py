"""At the same moment: a double tap on "已电话告知", or the family opening the
notice while the captain calls, leave one receipt per resident and no error;
a double tap on "发布" makes one announcement, on "提交" one feedback.

Each thread has its own database connection, released together at a barrier
(see tests/test_accounts_concurrency.py)."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from linli.notices.choices import Told
from linli.notices.feedback import Feedback
from linli.notices.models import Announcement, ReadReceipt
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

THREADS = 8


def test_many_taps_on_told_at_once_leave_one_receipt(world, to_building3, building3_people):
    grandpa = building3_people["grandpa"]
    hows = [Told.PHONE, Told.DOOR]

    results = simultaneously(
        lambda i: to_building3.mark_told(grandpa, hows[i % 2], by=world.users["captain3"]),
        n=THREADS,
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    receipt = ReadReceipt.objects.get(announcement=to_building3, resident=grandpa)
    assert {r.pk for r in results} == {receipt.pk}


def test_reading_at_home_while_the_captain_calls_leaves_one_receipt_each(
    world, to_building3, building3_people
):
    household = world.household3

    def act(i):
        if i % 2:
            return to_building3.mark_read({household.pk}, by=world.users["resident"])
        return to_building3.mark_told(world.huangbin, Told.PHONE, by=world.users["captain3"])

    results = simultaneously(act, n=THREADS)

    assert [r for r in results if isinstance(r, Exception)] == []
    receipts = ReadReceipt.objects.filter(announcement=to_building3)
    assert sorted(receipts.values_list("resident__name", flat=True)) == ["刘敏", "黄彬"]
    assert to_building3.unread(household.residents.all()).count() == 0


def test_a_double_tap_on_publish_at_the_same_moment_makes_one_announcement(world):
    data = {
        "title": "明早核酸检测", "body": "明早八点在小区广场核酸检测。", "priority": 2,
        "reach": "buildings", "buildings": [world.building3.pk], "action": "publish",
    }  # fmt: skip

    def tap(_i):
        client = Client()
        client.force_login(world.users["staff"])
        return client.post(reverse("notices:create"), data).status_code

    results = simultaneously(tap, n=4)

    assert results == [302] * 4
    assert Announcement.objects.filter(title="明早核酸检测").count() == 1


def test_a_double_tap_on_sending_feedback_at_the_same_moment_makes_one(world):
    data = {"kind": "question", "topic": "policy", "text": "隔离结束后需要开什么证明？"}

    def tap(_i):
        client = Client()
        client.force_login(world.users["resident"])
        return client.post(reverse("notices:feedback_new"), data).status_code

    results = simultaneously(tap, n=4)

    assert results == [302] * 4
    assert Feedback.objects.filter(household=world.household3).count() == 1
