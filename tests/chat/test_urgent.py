"""A crisis posted in a chat group does not wait unseen in the inbox: it is urgent on
arrival, its community is told at once in words that name no one, and the
supervisors are told again, once, when it waits past the P1 deadline."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from linli.cases.choices import Priority
from linli.cases.models import Need
from linli.chat import alerts
from linli.chat.choices import AlertKind, Kind, Status
from linli.chat.models import ChatAlert, ChatMessage
from linli.outbound.choices import Event
from linli.outbound.choices import Status as DeliveryStatus
from linli.outbound.models import Delivery, WebhookTarget, object_type
from tests.chat.conftest import make_group
from tests.chat.test_inbox import inbox, receive

pytestmark = pytest.mark.django_db
CRISIS = "3-1-201 邻居说她不想活了，刚才在阳台哭"
EMERGENCY = "我爸呼吸困难，昏迷了，快来人"
NEGATED = "我没有想死的念头，就是想问问能不能帮忙买点菜"
SENDER = "王秀兰"


@pytest.fixture
def told(world, people):
    """Community staff and the supervisor with an e-mail address and a phone."""
    staff = world.users["staff"]
    staff.email, staff.phone = "fu@example.cn", "13600000009"
    staff.save()
    supervisor = people.supervisor.user
    supervisor.email, supervisor.phone = "dudao@example.cn", "13600000001"
    supervisor.save()
    return world


def recipients(message, kind=AlertKind.URGENT):
    alert = ChatAlert.objects.filter(message=message, kind=kind).first()
    if alert is None:
        return []
    rows = Delivery.objects.filter(object_type=object_type(alert), object_id=alert.pk)
    return sorted((d.channel, d.recipient) for d in rows)


def late(message, minutes=31):
    ChatMessage.objects.filter(pk=message.pk).update(
        received_at=timezone.now() - timedelta(minutes=minutes)
    )


@pytest.mark.parametrize("text", [CRISIS, EMERGENCY])
def test_a_crisis_chat_message_is_urgent_and_tells_staff_supervisors_and_the_group_at_once(
    post_message, group3, told, channels_on, community_robot, text
):
    assert post_message(group3, text, sender=SENDER).status_code == 201
    message = ChatMessage.objects.get()
    assert message.is_urgent and message.priority == Priority.P1 and message.kind == Kind.NEED
    assert message.reasons and all("text" in r for r in message.reasons)
    assert recipients(message) == [
        ("email", "dudao@example.cn"), ("email", "fu@example.cn"),
        ("sms", "13600000001"), ("sms", "13600000009"), ("wecom", "武南村社区工作群"),
    ]  # fmt: skip
    assert not Need.objects.exists()  # still a draft for a person to confirm
    # Its own event: the overdue-need catch-up must not mistake an alert for a need.
    assert set(Delivery.objects.values_list("event", flat=True)) == {Event.CHAT_URGENT}


def test_the_messages_name_no_one_and_quote_nothing(
    post_message, group3, told, channels_on, community_robot
):
    post_message(group3, CRISIS, sender=SENDER)
    rows = list(Delivery.objects.all())
    assert rows
    for row in rows:
        for secret in (SENDER, "不想活", "阳台", "3-1-201", "3栋1单元201"):
            assert secret not in row.body + row.subject, (row.channel, secret)
    group = Delivery.objects.get(channel="wecom")
    # The group is not private: not even which group (the name says the building).
    assert "3栋居民群" not in group.body
    assert group.body == (
        "有一条紧急求助待处理，请社区工作人员尽快查看：https://linli.example.cn/chat/inbox/"
    )
    staff_sms = Delivery.objects.get(channel="sms", recipient="13600000009").body
    assert staff_sms.endswith("https://linli.example.cn/chat/inbox/")
    # A supervisor who cannot open the inbox gets the dashboard, where the count is.
    supervisor_sms = Delivery.objects.get(channel="sms", recipient="13600000001").body
    assert supervisor_sms.endswith("https://linli.example.cn/cases/dashboard/")


def test_the_alert_is_sent_at_once_after_the_commit(
    post_message, group3, told, channels_on, robot, community_robot, sms_outbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        post_message(group3, CRISIS, sender=SENDER)
    assert {d.status for d in Delivery.objects.all()} == {DeliveryStatus.SENT}
    assert sorted(m.phone for m in sms_outbox) == ["13600000001", "13600000009"]
    assert len(robot.received) == 1


def test_a_negated_crisis_is_not_urgent_and_tells_no_one(
    post_message, group3, told, channels_on, community_robot
):
    post_message(group3, NEGATED)
    message = ChatMessage.objects.get()
    assert message.kind == Kind.NEED  # still a need to confirm, as before
    assert not message.is_urgent and message.priority != Priority.P1
    assert not ChatAlert.objects.exists() and not Delivery.objects.exists()


def test_a_crisis_inside_a_health_report_is_still_urgent(post_message, group3, told, channels_on):
    post_message(group3, "3-1-201 36.5 我不想活了")
    message = ChatMessage.objects.get()
    assert message.kind == Kind.NEED and message.is_urgent
    assert ChatAlert.objects.filter(message=message, kind=AlertKind.URGENT).exists()


def test_a_message_resent_by_the_bot_alerts_once(post_message, group3, told, channels_on):
    post_message(group3, CRISIS)
    queued = Delivery.objects.count()
    assert post_message(group3, CRISIS).status_code == 200
    assert ChatAlert.objects.count() == 1 and Delivery.objects.count() == queued


def test_a_crisis_in_another_communitys_group_tells_nobody_here(
    post_message, world, told, channels_on, community_robot, robot
):
    other_staff = world.users["other_staff"]
    other_staff.phone = "13600000077"
    other_staff.save()
    WebhookTarget.objects.create(
        community=world.other_community, name="外社区工作群", url=robot.url("other")
    )
    there = make_group(world, external_id="wx-other", name="外社区群")
    there.group.community = world.other_community
    there.group.save()

    post_message(there, CRISIS)

    message = ChatMessage.objects.get()
    assert recipients(message) == [("sms", "13600000077"), ("wecom", "外社区工作群")]


def test_an_unconfirmed_urgent_draft_is_escalated_once_past_the_p1_deadline(
    post_message, group3, told, channels_on, community_robot
):
    post_message(group3, CRISIS)
    message = ChatMessage.objects.get()
    assert alerts.escalate_overdue() == 0  # not yet due
    late(message)
    assert alerts.escalate_overdue() == 1
    assert alerts.escalate_overdue() == 0
    assert ChatAlert.objects.filter(kind=AlertKind.ESCALATED).count() == 1
    # The supervisors and the group, as for an overdue need; staff were told on arrival.
    assert recipients(message, AlertKind.ESCALATED) == [
        ("email", "dudao@example.cn"), ("sms", "13600000001"), ("wecom", "武南村社区工作群"),
    ]  # fmt: skip
    group = Delivery.objects.get(channel="wecom", body__contains="超时")
    assert "不想活" not in group.body and "3栋" not in group.body


def test_the_command_escalates_chat_drafts_once_and_says_how_many(
    post_message, group3, told, channels_on, capsys
):
    post_message(group3, CRISIS)
    late(ChatMessage.objects.get())
    call_command("escalate_needs")
    assert "紧急求助：1 条" in capsys.readouterr().out
    call_command("escalate_needs")
    assert "紧急求助：0 条" in capsys.readouterr().out
    assert ChatAlert.objects.filter(kind=AlertKind.ESCALATED).count() == 1


@pytest.mark.parametrize("settled", ["confirmed", "dismissed"])
def test_a_confirmed_or_dismissed_draft_is_no_longer_urgent_nor_escalated(
    client, post_message, group3, told, channels_on, settled
):
    post_message(group3, CRISIS)
    message = ChatMessage.objects.get()
    late(message)
    client.force_login(told.users["staff"])
    if settled == "confirmed":
        client.post(f"/chat/{message.pk}/confirm/", {"room": "3-1-201"})
    else:
        client.post(f"/chat/{message.pk}/dismiss/")
    message.refresh_from_db()
    assert message.status == settled and not message.is_urgent
    assert not ChatMessage.objects.urgent().exists()
    assert alerts.escalate_overdue() == 0


def test_confirming_an_urgent_draft_makes_the_need_its_own_triage_screens(
    client, post_message, group3, told, channels_on
):
    post_message(group3, CRISIS, sender=SENDER)
    message = ChatMessage.objects.get()
    client.force_login(told.users["captain3"])
    client.post(f"/chat/{message.pk}/confirm/", {"room": "3-1-201"})
    need = Need.objects.get()
    assert need.priority == Priority.P1 and need.crisis and need.text == CRISIS
    assert need.household == told.household3
    message.refresh_from_db()
    assert message.status == Status.CONFIRMED and message.result_pk == str(need.pk)


def test_the_inbox_lists_urgent_first_with_a_p1_badge_and_the_reasons(client, world, group3):
    receive(group3, "能不能帮忙买点菜", sent_at="2020-02-20T08:00:00+08:00")
    receive(group3, EMERGENCY, sent_at="2020-02-20T10:00:00+08:00")
    page = inbox(client, world.users["staff"]).content.decode()
    assert page.index("P1 危机求助") < page.index(EMERGENCY) < page.index("能不能帮忙买点菜")
    assert 'class="chat-reasons"' in page and "紧急医疗情况" in page


def test_a_captain_of_another_building_does_not_see_the_urgent_draft(client, world, group3):
    message = receive(group3, CRISIS)
    assert CRISIS in inbox(client, world.users["captain3"]).content.decode()
    assert inbox(client, world.users["captain5"]).status_code == 404
    assert client.post(f"/chat/{message.pk}/dismiss/").status_code == 404
    message.refresh_from_db()
    assert message.is_urgent


def test_the_start_page_shows_urgent_drafts_in_red_to_those_who_confirm_them(client, world, group3):
    receive(group3, CRISIS)
    receive(group3, "能不能帮忙买点菜")
    for role in ("staff", "captain3"):
        client.force_login(world.users[role])
        page = client.get("/").content.decode()
        assert "P1 紧急求助待确认（1条）" in page and "群消息待确认（2条）" in page, role
    for role in ("captain5", "other_staff"):
        client.force_login(world.users[role])
        assert "紧急求助" not in client.get("/").content.decode(), role


def test_drafts_stored_before_get_their_priority_from_the_draft(group3):
    message = receive(group3, CRISIS)
    ChatMessage.objects.filter(pk=message.pk).update(priority=Priority.P4, reasons=[])
    import_module("linli.chat.migrations.0002_urgent_drafts").screened_priority(apps, None)
    message.refresh_from_db()
    assert message.priority == Priority.P1 and message.reasons == message.draft["reasons"]


def test_drafts_stored_before_are_counted_but_not_escalated_all_at_once(group3, told):
    # The migration screens old drafts; they were never told at once, and the
    # first escalation run must not send one message per stale draft.
    message = receive(group3, CRISIS)
    ChatAlert.objects.filter(message=message).delete()
    late(message)
    assert ChatMessage.objects.urgent().count() == 1
    assert alerts.escalate_overdue() == 0
