"""A captain pastes the building's 接龙 on a phone, fixes an unknown product in
place, and confirms; every step readable at 390 px."""

import datetime as dt

from django.utils import timezone

from linli.groupbuy.models import Order
from tests.browser.conftest import assert_readable, screenshot
from tests.groupbuy.fixtures_jielong import *  # noqa: F403 (homes)
from tests.groupbuy.fixtures_jielong import post
from tests.groupbuy.fixtures_rounds import *  # noqa: F403 (grocery_round, products)

POST = post(
    "1. 3-1-201 黄彬 土豆3斤 鸡蛋2斤",
    "2. 3-1-202 赵 茼蒿1斤 大米1袋",  # 茼蒿 is not in the catalog
    "3. 1单元101 李 大白菜2斤",
    "4. 5-1-101 王秀英 土豆1斤",  # building 5 is not this captain's
)


def test_captain_pastes_a_post_fixes_an_unknown_product_and_confirms(
    phone_page, live_server, world, homes, grocery_round, products, sign_in
):
    # Open now: the browser's clock is the real one.
    now = timezone.now()
    grocery_round.opens_at = now - dt.timedelta(hours=1)
    grocery_round.closes_at = now + dt.timedelta(days=1)
    grocery_round.save()
    page = phone_page
    sign_in(page, world.users["captain3"])

    page.goto(live_server.url + "/")
    page.click("text=粘贴接龙，导入团购订单")
    page.click("text=粘贴这一批的接龙")
    page.fill("textarea[name=text]", POST)
    assert_readable(page)
    screenshot(page, "phone-jielong-1-paste")

    page.click("button:has-text('解析接龙')")
    page.wait_for_selector("h1:has-text('接龙预览')")
    assert page.locator("#jl-counts").inner_text().split() == [
        "可导入",
        "2",
        "户",
        "待处理",
        "2",
        "条",
    ]
    assert "商品目录里没有“茼蒿”" in page.locator("#entry-1").inner_text()
    assert "找不到“5-1-101”" in page.locator("#entry-3").inner_text()
    assert_readable(page)
    screenshot(page, "phone-jielong-2-preview")

    entry = page.locator("#entry-1")
    entry.locator("select[name=product]").first.select_option(label="大白菜（斤）")
    entry.locator("input[name=quantity]").first.fill("1.5")
    entry.locator("button:has-text('保存')").first.click()
    page.wait_for_selector("#entry-1.ok")
    assert "可导入 3 户" in page.locator("#jl-counts").inner_text()
    page.locator("#entry-1").scroll_into_view_if_needed()
    assert_readable(page)
    screenshot(page, "phone-jielong-3-fixed")

    # A ready entry opens its forms on request and closes them again.
    page.locator("#entry-2 a:has-text('修改')").click()
    page.wait_for_selector("#entry-2 select[name=household]")
    assert_readable(page)
    screenshot(page, "phone-jielong-3b-editing")
    page.locator("#entry-2 a:has-text('收起')").click()
    page.wait_for_selector("#entry-2 select", state="detached")

    page.locator("button:has-text('确认导入')").first.click()
    page.wait_for_selector("h1:has-text('接龙已导入')")
    assert "已导入 3 户的订单" in page.inner_text("main")
    assert "5-1-101" in page.locator(".jl-skipped").inner_text()
    assert_readable(page)
    screenshot(page, "phone-jielong-4-confirmed")

    orders = Order.objects.filter(round=grocery_round)
    assert orders.count() == 3
    lines = orders.get(household=homes["1-202"]).lines.all()
    assert {(line.product.name, line.quantity) for line in lines} == {("大白菜", 1.5), ("大米", 1)}
