"""The outbound pages at phone width: staff see a failed delivery, retry it, and
add a building's robot. Screenshots in tests/screenshots/ for a person to look at."""

import pytest

from linli.outbound.choices import Event, Status
from linli.outbound.models import Delivery, WebhookTarget
from tests.browser.conftest import assert_readable, screenshot
from tests.outbound.conftest import channels_on, community_robot, robot  # noqa: F401
from tests.outbound.helpers import make_delivery

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_retry_a_failed_delivery_and_add_a_robot_on_a_phone(
    phone_page,
    live_server,
    sign_in,
    world,
    channels_on,  # noqa: F811
    robot,  # noqa: F811
    community_robot,  # noqa: F811
):
    failed = make_delivery(
        world.community, "wecom", community_robot.name, "3栋1单元201 需要上门查看：https://linli.example.cn/health/visits/1/",
        event=Event.VISIT_TASK, community=world.community, status=Status.FAILED, attempts=6,
        last_error="errcode 93000: invalid webhook url",
    )  # fmt: skip
    make_delivery(world.community, "sms", "13700000003", "【邻里】3栋1单元201 需要上门查看",
                  event=Event.VISIT_TASK, community=world.community, attempts=2,
                  last_error="gateway down")  # fmt: skip
    page = phone_page
    sign_in(page, world.users["staff"])

    page.goto(f"{live_server.url}/outbound/")
    assert "errcode 93000" in page.content()
    assert_readable(page)
    screenshot(page, "phone-outbound-failed")

    page.locator(f"form[action$='/{failed.pk}/retry/'] button").click()
    page.wait_for_selector(".messages li:has-text('已发送')")
    assert Delivery.objects.get(pk=failed.pk).status == Status.SENT
    assert robot.contents()[0].startswith("3栋1单元201 需要上门查看")

    page.goto(f"{live_server.url}/outbound/robots/")
    page.select_option("#id_building", str(world.building3.pk))
    page.fill("#id_name", "3栋居民群")
    page.fill("#id_url", robot.url("b3"))
    page.click("button:has-text('添加')")
    page.wait_for_selector(".messages li:has-text('已添加群机器人')")
    assert WebhookTarget.objects.filter(building=world.building3).exists()
    assert_readable(page)
    screenshot(page, "phone-outbound-robots")
