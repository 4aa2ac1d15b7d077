"""Ordering in Chromium at phone width: a resident orders with the steppers,
reviews and confirms; a captain sees who has not ordered and orders on behalf;
staff set up a round and a supplier. Screenshots for a person to look at."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from linli.groupbuy.choices import Channel
from linli.groupbuy.models import Order
from tests.browser.conftest import assert_readable, screenshot
from tests.groupbuy.fixtures_rounds import grocery_round, products, supermarket  # noqa: F401


@pytest.fixture
def live_round(grocery_round):  # noqa: F811  (the imported fixture)
    """The round open now: the live server runs in real time."""
    now = timezone.now()
    grocery_round.opens_at = now - dt.timedelta(hours=1)
    grocery_round.closes_at = now + dt.timedelta(days=1)
    grocery_round.save()
    return grocery_round


def test_a_resident_orders_with_the_steppers_reviews_and_confirms(
    phone_page, live_server, sign_in, world, live_round
):
    page = phone_page
    sign_in(page, world.users["resident"])
    page.goto(f"{live_server.url}/")
    page.click("a:has-text('团购买菜')")
    page.click(f"a:has-text('{live_round.title}')")
    page.click("a:has-text('我要下单')")
    page.wait_for_url(re.compile(r"/order/$"))
    assert_readable(page)
    page.locator("button[aria-label='大白菜加一']").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gb-chosen input')].some(i => i.value === '1')"
    )
    page.locator("button[aria-label='大白菜加一']").click()  # htmx swapped the form: find it again
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gb-chosen input')].some(i => i.value === '2')"
    )
    page.fill(".gb-item:has-text('鸡蛋') input", "1.5")
    screenshot(page, "phone-order-catalog")
    page.click("button:has-text('下一步：核对订单')")
    page.wait_for_selector("text=请核对订单")
    assert_readable(page)
    screenshot(page, "phone-order-review")
    page.click("button:has-text('确认下单')")
    page.wait_for_url(re.compile(r"/groupbuy/orders/\d+/$"))
    assert_readable(page)
    screenshot(page, "phone-order-done")
    order = Order.objects.get()
    assert sorted((line.product.name, str(line.quantity)) for line in order.lines.all()) == [
        ("大白菜", "2.00"), ("鸡蛋", "1.50")
    ]  # fmt: skip
    assert order.channel == Channel.SELF


def test_a_captain_sees_who_has_not_ordered_and_orders_for_an_elderly_neighbour(
    phone_page, live_server, sign_in, world, live_round
):
    page = phone_page
    sign_in(page, world.users["captain3"])
    page.goto(f"{live_server.url}/groupbuy/rounds/{live_round.pk}/")
    page.click("a:has-text('3栋')")
    page.wait_for_selector("text=还没下单")
    assert_readable(page)
    screenshot(page, "phone-round-building")
    page.click("a:has-text('代办下单')")
    page.locator("button[aria-label='土豆加一']").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gb-chosen input')].some(i => i.value === '1')"
    )
    page.click("button:has-text('下一步：核对订单')")
    page.click("button:has-text('确认下单')")
    page.wait_for_url(re.compile(r"/groupbuy/orders/\d+/$"))
    assert "captain3" in page.inner_text("main")
    screenshot(page, "phone-order-proxy-done")
    assert Order.objects.get().channel == Channel.PROXY


def test_staff_set_up_a_round_and_a_supplier_on_a_phone(
    phone_page, live_server, sign_in, world, live_round
):
    page = phone_page
    sign_in(page, world.users["staff"])
    page.goto(f"{live_server.url}/groupbuy/")
    assert_readable(page)
    screenshot(page, "phone-round-list")
    page.goto(f"{live_server.url}/groupbuy/rounds/{live_round.pk}/")
    assert_readable(page)
    screenshot(page, "phone-round-detail-staff")
    page.goto(f"{live_server.url}/groupbuy/rounds/new/")
    page.fill("input[name=title]", "测试批次")
    page.click("button:has-text('保存')")  # nothing else filled: errors, title kept
    page.wait_for_selector(".errorlist")
    assert page.input_value("input[name=title]") == "测试批次"
    assert_readable(page)
    screenshot(page, "phone-round-form-errors")
    page.goto(f"{live_server.url}/groupbuy/suppliers/{live_round.suppliers.get().pk}/")
    assert_readable(page)
    screenshot(page, "phone-supplier-form")
