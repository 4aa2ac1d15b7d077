"""The robots of LINLI_WECOM_WEBHOOKS belong to no community: they serve an
install of one community, and none once there are two, so that one community's
notices never reach another community's chat group."""

import logging
from decimal import Decimal

import pytest

from linli.community.models import Community
from linli.health.models import CheckIn
from linli.notices.choices import Reach
from linli.notices.models import Announcement
from linli.notices.outbound import announcement_published
from linli.outbound import events
from linli.outbound.channels import ChannelError, WeComChannel, settings_robots, webhook_url
from linli.outbound.models import Delivery, WebhookTarget
from tests.outbound.helpers import make_delivery

pytestmark = pytest.mark.django_db


def wecom_queued():
    return sorted(Delivery.objects.filter(channel="wecom").values_list("recipient", flat=True))


def announce(community):
    a = Announcement.objects.create(
        community=community, reach=Reach.COMMUNITY, title="明早核酸检测",
        body="明早八点在小区广场核酸检测。",
    )  # fmt: skip
    announcement_published(a)
    return a


@pytest.fixture
def default_robot(channels_on, robot):
    channels_on.LINLI_WECOM_WEBHOOKS = {"默认群": robot.url("default")}
    return robot


def test_with_one_community_its_notices_go_to_the_default_robot(
    world, one_community, default_robot
):
    announce(world.community)
    CheckIn.record(world.huangbin, temperature=Decimal("38.6"))

    assert wecom_queued() == ["默认群", "默认群"]
    assert events.robots(world.community.pk) == ["默认群"]


def test_with_two_communities_no_notice_goes_to_the_default_robot(world, default_robot, caplog):
    with caplog.at_level(logging.WARNING, logger="linli.outbound"):
        announce(world.community)
        announce(world.other_community)
        CheckIn.record(world.huangbin, temperature=Decimal("38.6"))

    assert wecom_queued() == []
    assert events.robots(world.community.pk) == []
    assert f"community {world.other_community.pk} has no chat robot of its own" in caplog.text


def test_with_two_communities_each_uses_only_its_own_robot(world, default_robot):
    WebhookTarget.objects.create(
        community=world.other_community, name="宝通寺社区工作群", url=default_robot.url("b")
    )

    announce(world.community)
    announce(world.other_community)

    assert wecom_queued() == ["宝通寺社区工作群"]
    assert events.robots(world.community.pk) == []
    assert events.robots(world.other_community.pk) == ["宝通寺社区工作群"]


def test_the_default_robot_stops_when_a_second_community_is_added(
    world, one_community, default_robot
):
    assert webhook_url("默认群") == default_robot.url("default")

    Community.objects.create(street=world.community.street, name="新社区")

    assert settings_robots() == {}
    assert webhook_url("默认群") is None


def test_a_message_queued_for_the_default_robot_before_a_second_community_is_not_sent(
    world, default_robot
):
    # Queued while there was one community; sent after a second was added.
    delivery = make_delivery(world.community, "wecom", "默认群", "有一户居民需要上门查看")

    with pytest.raises(ChannelError, match="serves an install of one community only"):
        WeComChannel().send(delivery)
    assert default_robot.received == []


def test_the_same_message_is_sent_while_there_is_one_community(world, one_community, default_robot):
    WeComChannel().send(make_delivery(world.community, "wecom", "默认群", "有一户居民需要上门查看"))

    assert default_robot.contents() == ["有一户居民需要上门查看"]


def test_without_default_robots_the_communities_are_not_even_counted(
    world, channels_on, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert settings_robots() == {}
