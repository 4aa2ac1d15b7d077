"""The outbound pages: community staff see and retry their community's
deliveries and manage its robots; everyone else gets a 404."""

import pytest
from django.urls import reverse

from linli.outbound.choices import Event, Status
from linli.outbound.models import Delivery, WebhookTarget
from tests.outbound.helpers import make_delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(world, channels_on, community_robot):
    return make_delivery(
        world.community, "wecom", community_robot.name, "3栋1单元201 需要上门查看",
        event=Event.VISIT_TASK, community=world.community, status=Status.FAILED, attempts=6,
        last_error="errcode 93000: invalid webhook url",
    )  # fmt: skip


def test_staff_see_the_failed_deliveries_of_their_community(client, world, failed):
    make_delivery(world.community, "sms", "13700000003", "待发", community=world.community)
    client.force_login(world.users["staff"])

    page = client.get(reverse("outbound:deliveries")).content.decode()

    assert "errcode 93000: invalid webhook url" in page
    assert "立即重试" in page
    assert "137****0003" in page and "13700000003" not in page  # phones masked


@pytest.mark.parametrize("who", ["captain3", "resident", "social_worker", "property", "viewer"])
def test_anyone_but_staff_gets_a_404(client, world, failed, who):
    client.force_login(world.users[who])

    assert client.get(reverse("outbound:deliveries")).status_code == 404
    assert client.post(reverse("outbound:retry", args=[failed.pk])).status_code == 404
    assert client.get(reverse("outbound:robots")).status_code == 404


def test_a_visitor_must_log_in(client, failed):
    assert client.get(reverse("outbound:deliveries")).status_code == 302


def test_staff_of_another_community_neither_see_nor_retry_it(client, world, failed, robot):
    client.force_login(world.users["other_staff"])

    assert "invalid webhook url" not in client.get(reverse("outbound:deliveries")).content.decode()
    assert client.post(reverse("outbound:retry", args=[failed.pk])).status_code == 404
    assert robot.received == []


def test_retry_now_sends_it_and_says_so(client, world, failed, robot):
    client.force_login(world.users["staff"])

    response = client.post(reverse("outbound:retry", args=[failed.pk]), follow=True)

    assert "已发送" in response.content.decode()
    assert robot.contents() == ["3栋1单元201 需要上门查看"]
    failed.refresh_from_db()
    assert failed.status == Status.SENT


def test_retry_now_that_fails_again_shows_why(client, world, failed, robot):
    robot.fail((200, {"errcode": 93000, "errmsg": "invalid webhook url"}))
    client.force_login(world.users["staff"])

    response = client.post(reverse("outbound:retry", args=[failed.pk]), follow=True)

    assert "仍未发送成功" in response.content.decode()


def test_staff_add_a_building_robot_and_test_it(client, world, robot, channels_on):
    client.force_login(world.users["staff"])

    client.post(reverse("outbound:robots"), {
        "community": world.community.pk, "building": world.building3.pk, "name": "3栋居民群",
        "url": robot.url("b3"), "active": "on",
    })  # fmt: skip
    target = WebhookTarget.objects.get()
    response = client.post(reverse("outbound:robot_test", args=[target.pk]), follow=True)

    assert (target.community, target.building) == (world.community, world.building3)
    assert "测试消息已发到" in response.content.decode()
    assert robot.contents() == ["【邻里】测试消息：“3栋居民群”已连接，通知会发到这个群。"]
    client.post(reverse("outbound:robot_test", args=[target.pk]))
    assert len(robot.received) == 2  # a test can be sent again
    assert Delivery.objects.filter(event=Event.TEST).count() == 1


def test_staff_cannot_add_a_robot_to_another_communitys_building(client, world, robot):
    client.force_login(world.users["staff"])

    response = client.post(reverse("outbound:robots"), {
        "community": world.community.pk, "building": world.other_building.pk, "name": "外",
        "url": robot.url(),
    })  # fmt: skip

    assert response.status_code == 200
    assert not WebhookTarget.objects.exists()


def test_staff_cannot_edit_another_communitys_robot(client, world, robot):
    theirs = WebhookTarget.objects.create(
        community=world.other_community, name="宝通寺群", url=robot.url()
    )
    client.force_login(world.users["staff"])

    assert client.get(reverse("outbound:robot_edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("outbound:robot_test", args=[theirs.pk])).status_code == 404


def test_staff_switch_a_robot_off(client, world, community_robot):
    client.force_login(world.users["staff"])

    client.post(reverse("outbound:robot_edit", args=[community_robot.pk]), {
        "community": world.community.pk, "building": "", "name": community_robot.name,
        "url": community_robot.url,
    })  # fmt: skip

    community_robot.refresh_from_db()
    assert community_robot.active is False


def test_a_robots_key_is_not_shown_on_the_list(client, world, community_robot):
    client.force_login(world.users["staff"])

    page = client.get(reverse("outbound:robots")).content.decode()

    assert community_robot.name in page
    assert "key=community" not in page
