"""Each event queues the right messages for the right people, in words that say
no more than a chat group may read."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.cases.choices import Category, Priority
from linli.cases.models import Need
from linli.cases.notify import need_escalated
from linli.community.models import Household, Resident
from linli.health.models import CheckIn, VisitTask
from linli.notices.choices import Priority as NoticePriority
from linli.notices.choices import Reach
from linli.notices.models import Announcement
from linli.notices.outbound import announcement_published
from linli.outbound import events
from linli.outbound.choices import Event, Status
from linli.outbound.dispatch import send_due
from linli.outbound.models import Delivery
from tests.cases.helpers_assign import make_need

pytestmark = pytest.mark.django_db


def queued(event=None):
    rows = Delivery.objects.all() if event is None else Delivery.objects.filter(event=event)
    return sorted((d.channel, d.recipient) for d in rows)


def announce(world, priority=NoticePriority.NORMAL, reach=Reach.COMMUNITY, buildings=()):
    a = Announcement.objects.create(
        community=world.community, reach=reach, title="明早核酸检测",
        body="明早八点在小区广场核酸检测，请戴好口罩。", priority=priority,
    )  # fmt: skip
    a.buildings.set(buildings)
    announcement_published(a)
    return a


# Announcements


def test_an_urgent_notice_texts_every_resident_reached_and_posts_to_the_groups(
    world, channels_on, community_robot, building3_robot, building5_robot
):
    announce(world, NoticePriority.URGENT)

    assert queued() == [
        ("sms", "13900000003"), ("sms", "13900000005"),
        ("wecom", "3栋居民群"), ("wecom", "5栋居民群"), ("wecom", "武南村社区工作群"),
    ]  # fmt: skip
    sms = Delivery.objects.filter(channel="sms").first()
    a = Announcement.objects.get()
    assert (
        sms.body
        == f"【邻里】紧急通知：明早核酸检测。详情：https://linli.example.cn/notices/{a.pk}/"
    )
    robot = Delivery.objects.get(recipient="3栋居民群")
    assert robot.body.startswith("【紧急通知】明早核酸检测\n明早八点")
    assert robot.mentions == ["@all"]


def test_an_ordinary_notice_sends_no_sms(world, channels_on, community_robot):
    announce(world, NoticePriority.IMPORTANT)

    assert queued() == [("wecom", "武南村社区工作群")]
    assert Delivery.objects.get().mentions == []


def test_a_notice_to_building_3_goes_to_its_group_only(
    world, channels_on, community_robot, building3_robot, building5_robot
):
    announce(world, NoticePriority.URGENT, Reach.BUILDINGS, [world.building3])

    assert queued() == [("sms", "13900000003"), ("wecom", "3栋居民群")]


def test_without_robots_of_its_own_a_community_uses_the_settings_default(
    world, one_community, channels_on
):
    channels_on.LINLI_WECOM_WEBHOOKS = {"默认群": "http://127.0.0.1:9/x"}

    announce(world)

    assert queued() == [("wecom", "默认群")]


def test_a_resident_sharing_a_phone_gets_one_text(world, channels_on):
    Resident.objects.create(household=world.household3, name="黄小彬", phone="13900000003")

    announce(world, NoticePriority.URGENT)

    assert queued() == [("sms", "13900000003"), ("sms", "13900000005")]


def test_publishing_on_the_page_queues_the_messages(client, world, channels_on, building3_robot):
    client.force_login(world.users["staff"])
    client.post(reverse("notices:create"), {
        "title": "停水通知", "body": "明天上午停水。", "priority": NoticePriority.URGENT,
        "reach": Reach.BUILDINGS, "buildings": [world.building3.pk], "action": "publish",
    })  # fmt: skip

    assert queued(Event.ANNOUNCEMENT) == [("sms", "13900000003"), ("wecom", "3栋居民群")]


def test_an_english_speaking_worker_still_sends_chinese(client, world, channels_on):
    world.users["staff"].choose_language("en")
    client.force_login(world.users["staff"])
    client.post(reverse("notices:create"), {
        "title": "停水通知", "body": "明天上午停水。", "priority": NoticePriority.URGENT,
        "reach": Reach.BUILDINGS, "buildings": [world.building3.pk], "action": "publish",
    })  # fmt: skip

    assert Delivery.objects.get().body.startswith("【邻里】紧急通知：停水通知")


# Overdue needs


@pytest.fixture
def supervisor(people):
    user = people.supervisor.user
    user.email, user.phone = "dudao@example.cn", "13600000001"
    user.save()
    return people.supervisor


def overdue_need(world, priority=Priority.P2):
    return make_need(world.household3, Category.PSYCH, priority, text="我不想活了，一个人在家",
                     due_at=timezone.now() - timedelta(minutes=1))  # fmt: skip


def test_an_escalated_need_tells_the_supervisors_and_the_community_group(
    world, people, supervisor, channels_on, community_robot, building3_robot
):
    need = overdue_need(world)
    Need.objects.escalate_overdue()  # non-transactional test: commit hooks do not run
    need_escalated(need)

    assert queued() == [
        ("email", "dudao@example.cn"), ("sms", "13600000001"), ("wecom", "武南村社区工作群"),
    ]  # fmt: skip
    url = f"https://linli.example.cn/cases/needs/{need.pk}/"
    sms = Delivery.objects.get(channel="sms")
    assert sms.body == f"【邻里】3栋1单元201 的 P2 需求已超时未响应，请尽快分派：{url}"
    group = Delivery.objects.get(channel="wecom").body
    assert group == f"有一条 P2 需求已超时未响应，请督导尽快处理：{url}"
    assert not Delivery.objects.filter(body__contains="不想活").exists()
    assert Delivery.objects.get(channel="email").subject == "需求超时未响应（P2）"


def test_a_supervisor_of_another_community_is_not_told(world, people, channels_on):
    people.outsider.is_supervisor = True
    people.outsider.save()
    people.outsider.user.email = "other@example.cn"
    people.outsider.user.save()

    need_escalated(overdue_need(world))

    assert queued() == []


def test_a_p1_escalation_is_sent_at_once_after_the_commit(
    world, people, supervisor, channels_on, robot, community_robot,
    django_capture_on_commit_callbacks, sms_outbox,
):  # fmt: skip
    need = overdue_need(world, Priority.P1)

    with django_capture_on_commit_callbacks(execute=True):
        assert Need.objects.escalate_overdue() == 1

    assert {d.status for d in Delivery.objects.all()} == {Status.SENT}
    assert [m.phone for m in sms_outbox] == ["13600000001"]
    assert len(robot.received) == 1
    assert Delivery.objects.filter(object_id=need.pk).count() == 3


def test_a_p1_sent_at_once_that_fails_stays_queued(
    world, people, supervisor, channels_on, robot, community_robot,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    robot.fail((500, b"down"))
    overdue_need(world, Priority.P1)

    with django_capture_on_commit_callbacks(execute=True):
        Need.objects.escalate_overdue()

    robot_row = Delivery.objects.get(channel="wecom")
    assert robot_row.status == Status.PENDING
    assert (robot_row.attempts, robot_row.last_error) == (1, "HTTP 500")


def test_an_escalation_queues_its_notices_in_its_own_transaction(
    world, people, supervisor, channels_on, community_robot
):
    overdue_need(world)
    Need.objects.escalate_overdue()
    assert len(queued(Event.NEED_OVERDUE)) == 3
    assert events.catch_up() == 0  # nothing was lost, so nothing to catch up


def test_an_escalation_without_its_notices_is_caught_up_by_the_sender(
    world, people, supervisor, channels_on, community_robot
):
    overdue_need(world)
    Need.objects.escalate_overdue()
    Delivery.objects.all().delete()  # say an older release escalated it without queueing

    assert events.catch_up() == 3
    assert events.catch_up() == 0
    assert len(queued(Event.NEED_OVERDUE)) == 3


def test_an_announcement_whose_hook_never_ran_is_caught_up_after_a_minute(
    world, channels_on, community_robot
):
    a = Announcement.objects.create(community=world.community, reach=Reach.COMMUNITY,
                                    title="通知", body="正文")  # fmt: skip
    assert events.catch_up() == 0  # it may still be saving its buildings

    Announcement.objects.filter(pk=a.pk).update(published_at=timezone.now() - timedelta(minutes=2))
    assert events.catch_up() == 1
    assert queued() == [("wecom", "武南村社区工作群")]


# Visit tasks


def test_an_abnormal_check_in_tells_the_captain_and_the_group_without_health_detail(
    world, channels_on, community_robot, building3_robot
):
    CheckIn.record(world.huangbin, temperature=Decimal("38.6"), symptoms=["cough"])

    task = VisitTask.objects.get()
    assert queued() == [("sms", "13700000003"), ("wecom", "武南村社区工作群")]
    url = f"https://linli.example.cn/health/visits/{task.pk}/"
    group = Delivery.objects.get(channel="wecom")
    assert group.body == f"有一户居民需要上门查看，请楼栋长尽快处理：{url}"
    assert Delivery.objects.get(channel="sms").body == f"【邻里】3栋1单元201 需要上门查看：{url}"
    for d in Delivery.objects.all():
        assert "38" not in d.body and "黄彬" not in d.body and "咳" not in d.body


def test_the_group_hears_a_visit_is_due_but_not_at_which_home(world, channels_on, community_robot):
    CheckIn.record(world.huangbin, temperature=Decimal("38.6"))

    group = Delivery.objects.get(channel="wecom")
    for address_part in ("3栋", "201", str(world.household3.address)):
        assert address_part not in group.body


def test_a_second_abnormal_reading_with_the_task_open_tells_nobody_again(world, channels_on):
    CheckIn.record(world.huangbin, temperature=Decimal("38.6"))
    CheckIn.record(world.huangbin, temperature=Decimal("38.9"))

    assert queued() == [("sms", "13700000003")]


def test_a_normal_check_in_tells_nobody(world, channels_on, community_robot):
    CheckIn.record(world.huangbin, temperature=Decimal("36.5"))

    assert queued() == []


def test_the_captain_of_another_building_is_not_told(world, channels_on):
    household = Household.objects.create(building=world.building5, room="102")
    resident = Resident.objects.create(household=household, name="刘", phone="13900000102")

    CheckIn.record(resident, temperature=Decimal("38.0"))

    assert queued() == [("sms", "13700000005")]


def test_queued_visit_messages_reach_the_robot(world, channels_on, robot, community_robot):
    CheckIn.record(world.huangbin, temperature=Decimal("38.6"))

    send_due()

    assert [c.split("：")[0] for c in robot.contents()] == [
        "有一户居民需要上门查看，请楼栋长尽快处理"
    ]
