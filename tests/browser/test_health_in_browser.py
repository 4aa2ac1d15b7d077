"""The health round at phone width, end to end: a captain completes the
building sheet; an abnormal reading raises a visit task; staff record the visit
and set "fever not ruled out"; a transfer and a quarantine run through to
release; the gatekeeper scans the household's pass out and in.
Screenshots go to tests/screenshots/ for a person to look at."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag
from linli.gate.models import ExitPass, Trip
from linli.health.models import CareFlag, CategoryEntry, CheckIn, Quarantine, Transfer, VisitTask
from tests.browser.conftest import assert_readable, screenshot


@pytest.fixture
def building(world):
    """Building 3 with a few more households; 黄彬 lives with his son of 7."""
    Resident.objects.create(household=world.household3, name="黄小宝", birth_year=2013)
    unit = world.household3.unit
    for room, people in [("202", ["刘桂兰"]), ("301", ["陈志强", "张丽"]), ("302", ["赵建国"])]:
        household = Household.objects.create(building=world.building3, unit=unit, room=room)
        for name in people:
            Resident.objects.create(household=household, name=name, phone="13911112222")
    return world


def test_a_health_round_from_the_building_sheet_to_release_and_the_gate(
    phone_page, live_server, sign_in, building, world
):
    page = phone_page
    base = live_server.url

    # 1. The captain walks building 3: whole households normal with one tap.
    sign_in(page, world.users["captain3"])
    page.goto(f"{base}/")
    page.click("a:has-text('3栋打卡表')")
    page.wait_for_url(re.compile(r"/health/buildings/\d+/$"))
    for room in ("202", "301", "302"):
        page.locator("li", has=page.locator(".room", has_text=room)).locator(
            "button:has-text('全家正常')"
        ).first.click()
        page.wait_for_selector(".messages li")
    assert CheckIn.objects.count() == 4
    assert_readable(page)
    screenshot(page, "phone-health-sheet-normal")

    # 2. 黄彬 has a fever: the captain enters it for him; a visit task opens.
    page.click("a.person-entry:has-text('黄彬')")
    page.fill("input.temperature", "38.3")
    page.check("label:has-text('腋温') input")
    page.check("label:has-text('咳嗽') input")
    assert_readable(page)
    screenshot(page, "phone-health-checkin-form")
    page.click("button:has-text('提交')")
    page.wait_for_selector(".messages li:has-text('体温有异常')")
    page.click("a.person-entry:has-text('黄小宝')")
    page.fill("input.temperature", "36.6")
    page.click("button:has-text('提交')")
    page.wait_for_selector(".messages li:has-text('已登记')")
    assert VisitTask.objects.open().count() == 1
    sheet = page.locator("main").inner_text()
    assert "需上门" in sheet and "38.3" not in sheet  # the captain sees the flag, not the reading
    assert "已报 6 / 6" in sheet
    assert_readable(page)
    screenshot(page, "phone-health-sheet-captain")

    # 3. Staff see the task, visit, and set "fever not ruled out".
    sign_in(page, world.users["staff"])
    page.goto(f"{base}/health/")
    assert "38.3" in page.locator(".task-list").first.inner_text()
    assert_readable(page)
    screenshot(page, "phone-health-staff-dashboard")
    page.click(".task-list a.button:has-text('黄彬')")
    page.select_option("select[name=outcome]", "category")
    page.select_option("select[name=category]", "fever")
    page.fill("textarea[name=note]", "发热两天伴干咳，社区医生上门测体温 38.4")
    assert_readable(page)
    screenshot(page, "phone-health-visit")
    page.click("button:has-text('保存结果')")
    page.wait_for_selector(".messages li:has-text('已记录上门结果')")
    assert not VisitTask.objects.open().exists()
    assert CategoryEntry.objects.get().category == "fever"
    assert "1 不能排除的发热患者" in " ".join(page.locator(".counts").inner_text().split())

    # 4. A transfer, step by step; his son is left without a carer.
    page.goto(f"{base}/health/residents/{world.huangbin.pk}/")
    assert "不能排除的发热患者" in page.locator(".category").inner_text()
    page.click("button:has-text('申请转运')")
    page.click("button:has-text('已安排车辆')")
    page.select_option("select[name=destination]", "isolation")
    page.fill("input[name=site]", "武昌区某酒店隔离点")
    page.click("button:has-text('已转运')")
    page.wait_for_selector(".transfer:has-text('武昌区某酒店隔离点')")
    assert CareFlag.objects.open().filter(household=world.household3).exists()
    assert_readable(page)
    screenshot(page, "phone-health-transferred")
    page.goto(f"{base}/health/")
    assert "3栋1单元201" in page.locator(".task-list").nth(1).inner_text()
    page.goto(f"{base}/health/residents/{world.huangbin.pk}/")
    page.click("button:has-text('已返回')")
    page.wait_for_selector(".transfer:has-text('已返回')")
    assert Transfer.objects.get().stage == "returned"
    assert not CareFlag.objects.open().exists()

    # 5. Home quarantine after his return: a follow-up, then release.
    page.click("summary:has-text('开始隔离')")
    page.select_option("select[name=kind]", "home")
    page.locator("form[action$='/quarantine/'] button:has-text('开始隔离')").click()
    page.wait_for_selector(".quarantine")
    assert ResidentTag.objects.filter(resident=world.huangbin, tag=Tag.QUARANTINE).exists()
    page.check(".quarantine label:has-text('已见，情况良好') input")
    page.click("button:has-text('记录随访')")
    page.wait_for_selector(".quarantine li:has-text('已见，情况良好')")
    assert_readable(page)
    screenshot(page, "phone-health-quarantine")
    page.click("button:has-text('解除隔离')")
    page.wait_for_selector(".messages li:has-text('已解除隔离')")
    assert not Quarantine.objects.active().exists()
    assert not ResidentTag.objects.filter(resident=world.huangbin, tag=Tag.QUARANTINE).exists()
    screenshot(page, "phone-health-released")

    # 6. The gate: the household's pass scanned out and back in.
    exit_pass = ExitPass.issue(world.household3, timezone.localdate(), world.users["captain3"])
    sign_in(page, world.users["gatekeeper"])
    page.goto(f"{base}/gate/")
    # The scanner types into whatever has focus; wait until autofocus has given it.
    expect(page.locator("#lookup_q")).to_be_focused()
    page.keyboard.type(exit_pass.code + "\n")
    page.wait_for_selector(".gate-found")
    page.fill("#exit_temperature", "36.5")
    page.click("button:has-text('登记出门')")
    page.wait_for_selector(".messages li:has-text('已出门')")
    page.locator(".gate-found").get_by_label(re.compile("回来体温")).fill("36.6")
    page.locator(".gate-found").get_by_role("button", name="登记回来").click()
    page.wait_for_selector(".messages li:has-text('已回来')")
    assert Trip.objects.get().in_at is not None
    screenshot(page, "phone-health-gate-back")


def test_a_resident_enters_todays_temperature_on_a_big_plain_form(
    phone_page, live_server, sign_in, world
):
    page = phone_page
    sign_in(page, world.users["resident"])
    page.goto(f"{live_server.url}/")
    page.click("a:has-text('填写今天体温')")
    page.click("a:has-text('填写今天体温')")
    field = page.locator("input.temperature")
    assert float(field.evaluate("e => getComputedStyle(e).fontSize").rstrip("px")) >= 32
    field.fill("42")
    page.click("button:has-text('提交')")
    page.wait_for_selector(".messages li:has-text('已登记')")
    assert "42.0" in page.locator("main").inner_text()
    assert_readable(page)
    screenshot(page, "phone-health-resident")
    page.click("a:has-text('填写今天体温')")
    field.fill("4.2")
    page.click("button:has-text('提交')")
    page.wait_for_selector(".errorlist")
    assert field.input_value() == "4.2"  # what was typed stays, with the reason
    assert_readable(page)
    screenshot(page, "phone-health-resident-error")


def test_a_captains_missing_list_calls_with_one_tap_after_a_logged_reveal(
    phone_page, live_server, sign_in, world
):
    page = phone_page
    sign_in(page, world.users["captain5"])
    page.goto(f"{live_server.url}/health/buildings/{world.building5.pk}/missing/")
    assert "王秀英" in page.locator("main").inner_text()
    page.click(".reveal button:has-text('显示')")
    call = page.locator("a.tel:has-text('13900000005')")
    call.wait_for()
    assert call.get_attribute("href") == "tel:13900000005"
    assert_readable(page)
    screenshot(page, "phone-health-missing")


def test_the_sheet_greys_the_dead_and_the_away_and_one_tap_skips_them(
    phone_page, live_server, sign_in, building, world
):
    from linli.health.choices import Category, QuarantineKind

    page = phone_page
    liu = Resident.objects.get(name="刘桂兰")
    chen = Resident.objects.get(name="陈志强")
    CategoryEntry.objects.create(resident=liu, household_id=liu.household_id,
                                 category=Category.DECEASED)  # fmt: skip
    Quarantine.begin(chen, QuarantineKind.CENTRAL, by=None, place="武昌区某酒店隔离点")
    sign_in(page, world.users["captain3"])
    page.goto(f"{live_server.url}/health/buildings/{world.building3.pk}/")
    absent = page.locator("li.absent")
    expect(absent).to_have_count(2)
    assert [absent.nth(i).inner_text().split()[-1] for i in (0, 1)] == ["不需打卡"] * 2
    assert absent.locator("a").count() == 0  # nothing to tap for them
    room = lambda n: page.locator("li", has=page.locator(".room", has_text=n)).first  # noqa: E731
    assert room("202").locator("button:has-text('全家正常')").count() == 0
    room("301").locator("button:has-text('全家正常')").click()
    page.wait_for_selector(".messages li:has-text('另有1人今天不需要打卡')")
    assert [c.resident.name for c in CheckIn.objects.all()] == ["张丽"]
    assert "已报 1 / 4" in page.locator("main").inner_text()  # six less the two
    assert_readable(page)
    screenshot(page, "phone-health-sheet-absent")
