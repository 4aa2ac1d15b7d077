"""The queue: written with the event, sent once, retried with back-off, given up
loudly after six attempts, and safe to run again."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from linli.outbound.choices import Event, Status
from linli.outbound.dispatch import Outgoing, enqueue, retry_now, send_due
from linli.outbound.models import Delivery
from linli.outbound.policy import MAX_ATTEMPTS, gives_up, retry_delay

pytestmark = pytest.mark.django_db

ERRCODE = (200, {"errcode": 93000, "errmsg": "invalid webhook url"})


def to_robot(world, target, text="通知"):
    return enqueue(Event.TEST, world.community, [Outgoing("wecom", target.name, text)],
                   community=world.community)  # fmt: skip


def test_the_delays_are_1_5_25_minutes_and_so_on():
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 5, 25, 125)]
    assert not gives_up(MAX_ATTEMPTS - 1) and gives_up(MAX_ATTEMPTS) and MAX_ATTEMPTS == 6


@given(st.integers(min_value=1, max_value=10**6))
def test_a_delay_never_shrinks_and_never_exceeds_a_day(attempts):
    assert timedelta(0) < retry_delay(attempts) <= retry_delay(attempts + 1) <= timedelta(days=1)


def test_a_queued_message_is_sent_by_the_command(world, channels_on, robot, community_robot):
    to_robot(world, community_robot, "今晚八点团购截单")

    call_command("send_outbound")

    assert robot.contents() == ["今晚八点团购截单"]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Status.SENT, 1, "")
    assert delivery.sent_at is not None


def test_queueing_twice_and_sending_twice_sends_once(world, channels_on, robot, community_robot):
    assert to_robot(world, community_robot) == 1
    assert to_robot(world, community_robot) == 0

    send_due()
    send_due()
    call_command("send_outbound")

    assert len(robot.received) == 1
    assert Delivery.objects.count() == 1


def test_a_channel_that_is_off_queues_nothing(world, channels_on, robot, community_robot):
    channels_on.LINLI_OUTBOUND_CHANNELS = ["email"]

    assert to_robot(world, community_robot) == 0
    assert not Delivery.objects.exists()


def test_a_failing_robot_is_tried_again_after_a_minute_and_then_succeeds(
    world, channels_on, robot, community_robot, caplog
):
    robot.fail(ERRCODE)
    to_robot(world, community_robot, "请下楼取菜")
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        assert send_due() == {"retry": 1}
        delivery = Delivery.objects.get()
        assert delivery.status == Status.PENDING and delivery.attempts == 1
        assert delivery.last_error == "errcode 93000: invalid webhook url"
        assert delivery.next_attempt_at == start + timedelta(minutes=1)
        assert send_due() == {}  # not due yet: nothing is hammered
    assert "attempt 1 failed" in caplog.text

    with time_machine.travel(start + timedelta(minutes=1, seconds=1), tick=False):
        assert send_due() == {"sent": 1}

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Status.SENT, 2, "")
    assert robot.contents() == ["请下楼取菜", "请下楼取菜"]


def test_after_six_failed_attempts_it_gives_up_and_logs_an_error(
    world, channels_on, robot, community_robot, caplog
):
    robot.fail(*[ERRCODE] * MAX_ATTEMPTS)
    to_robot(world, community_robot)
    moment = timezone.now()

    for attempt in range(1, MAX_ATTEMPTS + 1):
        with time_machine.travel(moment, tick=False), caplog.at_level(logging.WARNING):
            send_due()
        moment += retry_delay(attempt) + timedelta(seconds=1)

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "gave up after 6 attempts" in errors[0].getMessage()
    assert "errcode 93000" in errors[0].getMessage()
    # Given up is given up: later runs leave it for a person.
    with time_machine.travel(moment + timedelta(days=1), tick=False):
        assert send_due() == {}
    assert len(robot.received) == MAX_ATTEMPTS


def test_retry_now_gives_a_failed_delivery_another_round(
    world, channels_on, robot, community_robot
):
    to_robot(world, community_robot)
    Delivery.objects.update(status=Status.FAILED, attempts=MAX_ATTEMPTS, last_error="HTTP 502")

    assert retry_now(Delivery.objects.get()) == "sent"

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Status.SENT, 1, "")
    assert len(robot.received) == 1


def test_retry_now_of_a_sent_delivery_sends_nothing(world, channels_on, robot, community_robot):
    to_robot(world, community_robot)
    send_due()

    retry_now(Delivery.objects.get())

    assert len(robot.received) == 1


def test_a_log_never_shows_a_whole_phone_number(world, channels_on, settings, caplog):
    settings.LINLI_SMS_BACKEND = "tests.outbound.test_channels.DownBackend"
    enqueue(Event.TEST, world.community, [Outgoing("sms", "13700000003", "通知")])

    send_due()

    assert "13700000003" not in caplog.text
    assert "gateway down" in caplog.text
