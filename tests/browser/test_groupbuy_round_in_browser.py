"""A whole grocery round on phones: a captain pastes the building's 接龙 and fixes an
unknown product, a resident orders on their own, staff close the round and download
the purchase order, a short delivery is received and shared with the elderly
household first, the pick list prints, every bag is handed out, and the round
balances. Each step is screenshotted and checked for readability at 390 px."""

import datetime as dt
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.utils import timezone
from openpyxl import load_workbook

from linli.community.choices import Tag
from linli.community.models import Resident, ResidentTag
from linli.groupbuy import fulfil
from linli.groupbuy.choices import Channel, HandoutStatus, PaymentStatus, RoundState
from linli.groupbuy.models import Handout, Order, Payment
from tests.browser.conftest import assert_readable, screenshot
from tests.groupbuy.fixtures_jielong import *  # noqa: F403 (homes)
from tests.groupbuy.fixtures_jielong import post
from tests.groupbuy.fixtures_rounds import *  # noqa: F403 (grocery_round, products, supermarket)

POST = post(
    "1. 3-1-101 李奶奶 大白菜3斤",
    "2. 3-1-202 赵 茼蒿1斤 大白菜4斤",  # 茼蒿 is not in the catalog
    "3. 3-1-301 钱 大白菜4斤 鸡蛋1斤",
)


def shot(page, name):
    assert_readable(page)
    screenshot(page, f"phone-round-{name}")


def test_a_grocery_round_from_jielong_to_a_balanced_account(
    phone_page, live_server, world, homes, grocery_round, products, supermarket, sign_in
):
    now = timezone.now()  # the browser runs on the real clock
    grocery_round.opens_at = now - dt.timedelta(hours=1)
    grocery_round.closes_at = now + dt.timedelta(days=1)
    grocery_round.save()
    granny = Resident.objects.create(household=homes["1-101"], name="李奶奶", birth_year=1938)
    ResidentTag.objects.create(resident=granny, tag=Tag.ELDERLY_ALONE)
    page, url = phone_page, live_server.url

    # 1. The captain of building 3 pastes the post, fixes 茼蒿 and confirms.
    sign_in(page, world.users["captain3"])
    page.goto(url + "/")
    page.click("text=粘贴接龙，导入团购订单")
    page.click("text=粘贴这一批的接龙")
    page.fill("textarea[name=text]", POST)
    page.click("button:has-text('解析接龙')")
    page.wait_for_selector("h1:has-text('接龙预览')")
    entry = page.locator("#entry-1")
    assert "商品目录里没有“茼蒿”" in entry.inner_text()
    entry.locator("select[name=product]").first.select_option(label="土豆（斤）")
    entry.locator("input[name=quantity]").first.fill("1")
    entry.locator("button:has-text('保存')").first.click()
    page.wait_for_selector("#entry-1.ok")
    shot(page, "1-jielong-fixed")
    page.click("button:has-text('确认导入')")
    page.wait_for_selector("h1:has-text('接龙已导入')")
    assert "已导入 3 户的订单" in page.inner_text("main")
    assert Order.objects.filter(round=grocery_round, channel=Channel.JIELONG).count() == 3

    # 2. 黄彬 orders 4 斤 of cabbage on his own phone.
    page.context.clear_cookies()
    sign_in(page, world.users["resident"])
    page.goto(url + f"/groupbuy/rounds/{grocery_round.pk}/")
    page.click("text=我要下单")
    page.fill(f"#q{products['大白菜'].pk}", "4")
    page.click("button:has-text('下一步：核对订单')")
    page.click("button:has-text('确认下单')")
    page.wait_for_url("**/groupbuy/orders/**")  # htmx follows the redirect; wait for it
    shot(page, "2-resident-ordered")
    own = Order.objects.get(round=grocery_round, household=world.household3)
    assert own.channel == Channel.SELF and own.lines.get().quantity == 4

    # 3. Staff close the round and download the supermarket's purchase order.
    page.context.clear_cookies()
    sign_in(page, world.users["staff"])
    page.goto(url + f"/groupbuy/rounds/{grocery_round.pk}/")
    with page.expect_navigation():
        page.click("button:has-text('截单')")
    page.click("text=统计、采购单、到货、分发与收款")
    shot(page, "3-steps-closed")
    with page.expect_download() as download:
        page.click("text=武商超市 · 下载 Excel")
    # The download's temporary file has no suffix, which openpyxl goes by.
    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert sheet["A2"].value == "供应商：武商超市"
    assert rows["大白菜"][:3] == ("斤", 15, 7.5)  # 3 + 4 + 4 + 4 斤, and in kg
    assert rows["土豆"][:2] == ("斤", 1) and rows["鸡蛋"][:2] == ("斤", 1)
    with page.expect_navigation():
        page.click("button:has-text('采购单已发给供应商')")
    grocery_round.refresh_from_db()
    assert grocery_round.state == RoundState.ORDERED

    # 4. Only 9 斤 of cabbage arrive: 李奶奶 (elderly, alone) gets all 3 she ordered.
    page.click("text=登记到货数量")
    page.fill(f"input[name=qty_{products['大白菜'].pk}]", "9")
    shot(page, "4-receiving")
    page.click("button:has-text('保存并分配')")
    page.wait_for_selector("text=到货已登记")
    granny_order = Order.objects.get(round=grocery_round, household=homes["1-101"])
    assert granny_order.lines.get().allocated == 3
    assert own.lines.get().allocated == 2
    page.goto(url + f"/groupbuy/orders/{granny_order.pk}/")
    assert "您家在其中，分到 3 斤（订 3 斤）" in page.inner_text("#allocation")
    shot(page, "5-allocation-elderly")

    # 5. The pick list prints, one building per A4 page.
    page.goto(url + f"/groupbuy/rounds/{grocery_round.pk}/picklist/")
    page.emulate_media(media="print")
    assert page.locator(".topbar").is_hidden()
    assert "送上门" in page.locator(".sheet").first.inner_text()
    screenshot(page, "phone-round-6-picklist-print")
    page.emulate_media(media="screen")

    # 6. The captain hands out every bag: 李奶奶's to her door, the rest collected.
    page.context.clear_cookies()
    sign_in(page, world.users["captain3"])
    page.goto(url + f"/groupbuy/rounds/{grocery_round.pk}/handout/{world.building3.pk}/")
    first = page.locator(".bag").first
    assert "3栋1单元101" in first.inner_text() and "送上门" in first.inner_text()
    shot(page, "7-handout-start")
    with page.expect_navigation():
        first.locator("button:has-text('已送上门')").click()
    while page.locator(".bag:not(.done) input[name=collected_by]").count():
        bag = page.locator(".bag:not(.done)").first
        bag.locator("input[name=collected_by]").fill("本人")
        with page.expect_navigation():
            bag.locator("button:has-text('已自取')").click()
    assert "还有 0 户没领" in page.inner_text("#progress")
    shot(page, "8-handout-done")
    assert not Handout.objects.filter(status=HandoutStatus.WAITING).exists()
    grocery_round.refresh_from_db()
    assert grocery_round.state == RoundState.HANDED_OUT

    # 7. Staff record the payments; the round balances and settles.
    page.context.clear_cookies()
    sign_in(page, world.users["staff"])
    page.goto(url + f"/groupbuy/rounds/{grocery_round.pk}/payments/")
    shot(page, "9-payments")
    while page.locator("button:has-text('已付·微信')").count():
        with page.expect_navigation():
            page.locator("button:has-text('已付·微信')").first.click()
    balance = fulfil.round_balance(grocery_round)
    # The supermarket's bill: 9 斤 cabbage × 1.50 + 1 斤 potatoes × 2 + 1 斤 eggs × 6.
    assert balance.suppliers == Decimal("21.50") == balance.households == balance.paid
    assert not Payment.objects.exclude(status=PaymentStatus.PAID).exists()
    page.goto(url + f"/groupbuy/rounds/{grocery_round.pk}/fulfil/")
    assert "账目平衡" in page.inner_text("#balance")
    shot(page, "10-balanced")
    grocery_round.refresh_from_db()
    assert grocery_round.state == RoundState.SETTLED


def test_the_supplier_the_captain_and_the_doctor_read_their_pages_on_a_phone(
    phone_page, live_server, world, grocery_round, products, supermarket, sign_in
):
    from linli.accounts.choices import Role
    from linli.groupbuy.choices import RoundKind
    from linli.groupbuy.models import MedicineLine, OrderLine, Round

    for household, quantity in ((world.household3, 4), (world.household5, 3)):
        order = Order.objects.create(round=grocery_round, household=household,
                                     channel=Channel.SELF)  # fmt: skip
        OrderLine.objects.create(order=order, product=products["大白菜"], quantity=quantity,
                                 unit="斤")  # fmt: skip
    world.users["supplier"].memberships.filter(role=Role.SUPPLIER).update(supplier=supermarket)
    medicine = Round.objects.create(
        community=world.community, title="2月慢病药品", kind=RoundKind.MEDICINE,
        opens_at=grocery_round.opens_at, closes_at=grocery_round.closes_at,
    )  # fmt: skip
    order = Order.objects.create(round=medicine, household=world.household5, channel="proxy")
    MedicineLine.objects.create(order=order, resident=world.resident5, name="硝苯地平缓释片",
                                strength="20mg", quantity=2)  # fmt: skip
    page, url = phone_page, live_server.url

    sign_in(page, world.users["supplier"])
    page.goto(url + f"/groupbuy/rounds/{grocery_round.pk}/po/{supermarket.pk}/")
    assert "大白菜" in page.inner_text("main") and "3.50" in page.inner_text("main")
    shot(page, "11-supplier-purchase-order")

    page.context.clear_cookies()
    sign_in(page, world.users["captain5"])
    page.goto(url + f"/groupbuy/rounds/{grocery_round.pk}/tally/")
    assert "5栋" in page.inner_text("main") and "3栋" not in page.inner_text("main")
    shot(page, "12-captain-tally")
    page.goto(url + f"/groupbuy/rounds/{medicine.pk}/medicine/")
    assert "有药品订单" in page.inner_text("main") and "硝苯地平" not in page.content()
    shot(page, "13-captain-medicine")

    page.context.clear_cookies()
    sign_in(page, world.users["doctor"])
    page.goto(url + f"/groupbuy/rounds/{medicine.pk}/medicine/")
    assert "硝苯地平缓释片" in page.inner_text("main")
    shot(page, "14-doctor-medicine")
