"""A volunteer on a phone: the board is their home, they claim the doorstep
delivery of a hand-out bag ("我来"), finish it with a note and their minutes, and
the bag reads delivered on the hand-out screen. Staff see the board and the
registry on a desktop. Each step is screenshotted and checked at 390 px."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from linli.cases import tasks
from linli.cases.choices import TaskKind, TaskStatus
from linli.cases.models import VolunteerTask
from linli.gate.choices import PlaceKind
from linli.gate.models import Place
from linli.groupbuy import fulfil
from linli.groupbuy.choices import Channel, HandoutStatus, RoundState
from linli.groupbuy.models import Handout, Order, OrderLine
from tests.browser.conftest import assert_readable, screenshot
from tests.cases.conftest import *  # noqa: F403 (people: the volunteer's profile)
from tests.groupbuy.fixtures_rounds import *  # noqa: F403 (grocery_round, products, supermarket)


def shot(page, name):
    assert_readable(page)
    screenshot(page, f"phone-volunteer-{name}")


def board_with_work(world, grocery_round, products):
    """王秀英 (5栋101, living alone) gets her cabbage at the door; a check-call, a
    visit for tomorrow and an overdue lift are on the board too."""
    order = Order.objects.create(
        round=grocery_round, household=world.household5, channel=Channel.PROXY
    )
    OrderLine.objects.create(order=order, product=products["大白菜"], quantity=3, unit="斤")
    grocery_round.state = RoundState.ORDERED
    grocery_round.save()
    fulfil.receive_round(
        grocery_round, [(products["大白菜"].pk, Decimal(3), None)], world.users["staff"]
    )
    tasks.create_check_calls(timezone.localdate())
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    tasks.create(
        world.community, TaskKind.VISIT, "上门探访", household=world.household3, due_on=tomorrow
    )
    Place.objects.create(community=world.community, kind=PlaceKind.LIFT, name="5栋电梯")
    return Handout.objects.get(order=order)


def test_a_volunteer_claims_a_doorstep_delivery_and_finishes_it_on_a_phone(
    phone_page,
    live_server,
    world,
    people,
    grocery_round,
    products,
    sign_in,
):
    handout = board_with_work(world, grocery_round, products)
    delivery = VolunteerTask.objects.get(kind=TaskKind.DELIVERY)
    page, url = phone_page, live_server.url

    sign_in(page, world.users["volunteer"])
    page.goto(url + "/")
    page.wait_for_selector("h1:has-text('志愿任务')")
    main = page.inner_text("main")
    assert "5栋1单元101" in main and "送物资上门" in main and "每日电话问候" in main
    assert "独居" not in main and "隔离" not in main
    shot(page, "1-board")

    page.locator(f"#t{delivery.pk} button:has-text('我来')").click()
    page.wait_for_selector("text=已认领：送物资上门")
    assert page.locator("#mine ~ ul.tasks").first.locator(f"#t{delivery.pk}").count() == 1
    shot(page, "2-claimed")

    page.locator(f"#t{delivery.pk} a:has-text('完成')").click()
    page.wait_for_selector("h1:has-text('完成任务')")
    page.click("button:has-text('完成')")  # nothing typed yet: minutes are required
    page.wait_for_selector("text=请填写用时")
    page.fill("textarea[name=note]", "放在门口了，王奶奶已取")
    page.fill("input[name=minutes]", "2000")
    page.click("button:has-text('完成')")
    page.wait_for_selector("text=最多 720 分钟")
    assert page.input_value("textarea[name=note]") == "放在门口了，王奶奶已取"
    shot(page, "3-complete-form")
    page.fill("input[name=minutes]", "25")
    page.click("button:has-text('完成')")
    page.wait_for_selector("text=已完成：送物资上门")
    shot(page, "4-done")

    delivery.refresh_from_db()
    assert (delivery.status, delivery.minutes) == (TaskStatus.DONE, 25)
    assert delivery.done_note == "放在门口了，王奶奶已取"
    handout.refresh_from_db()
    assert handout.status == HandoutStatus.DELIVERED
    assert handout.done_by == world.users["volunteer"]


def test_staff_run_the_board_and_the_registry_on_a_desktop_and_a_phone(
    desktop_page,
    phone_page,
    live_server,
    world,
    people,
    grocery_round,
    products,
    sign_in,
):
    board_with_work(world, grocery_round, products)
    tasks.claim(VolunteerTask.objects.get(kind=TaskKind.CHECK_CALL), people.volunteer)
    url = live_server.url

    for page, size in ((desktop_page, "desktop"), (phone_page, "phone")):
        sign_in(page, world.users["staff"])
        page.goto(url + "/cases/board/")
        page.wait_for_selector("h1:has-text('志愿任务板')")
        assert "5栋电梯" in page.inner_text("main")  # overdue, one tap from a task
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
        screenshot(page, f"{size}-volunteer-staff-board")
        page.goto(url + "/cases/volunteers/")
        page.wait_for_selector("text=志愿者小陈")
        screenshot(page, f"{size}-volunteer-registry")
    assert_readable(phone_page)

    page = desktop_page
    page.goto(url + "/cases/board/")
    page.click("button:has-text('派消杀任务')")
    page.wait_for_selector("text=已发布任务：消杀：5栋电梯")
    screenshot(page, "desktop-volunteer-staff-board-after")

    page.context.clear_cookies()
    sign_in(page, world.users["volunteer"])
    page.goto(url + "/")
    page.wait_for_selector("h1:has-text('志愿任务')")
    page.click("button:has-text('显示电话')")
    page.wait_for_selector("a.tel")
    assert "13900000005" in page.inner_text("main")
    screenshot(page, "desktop-volunteer-board")
