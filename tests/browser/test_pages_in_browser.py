"""The pages in Chromium: a captain's phone flow, and each main page at phone
and desktop width, screenshotted for a person to check the Chinese text."""

import re

import pytest

from linli.audit.models import Action, AuditEntry
from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag, Unit
from tests.browser.conftest import assert_readable, screenshot


@pytest.fixture
def street(world):
    """The world's building 3 with a few more neighbours, so pages look lived in."""
    unit2 = Unit.objects.create(building=world.building3, number="2")
    people = [
        ("1", "202", [("刘桂兰", 1938, [Tag.ELDERLY_ALONE, Tag.NO_SMARTPHONE])]),
        ("1", "301", [("陈志强", 1975, []), ("张丽", 1978, [Tag.MEDICAL_FAMILY])]),
        ("2", "101", [("赵建国", 1950, [Tag.CHRONIC, Tag.ELDERLY_70])]),
        ("2", "1002", [("孙悦", 1990, [Tag.PREGNANT])]),
    ]
    unit1 = world.household3.unit
    for unit, room, residents in people:
        household = Household.objects.create(
            building=world.building3, unit=unit1 if unit == "1" else unit2, room=room
        )
        for i, (name, year, tags) in enumerate(residents):
            resident = Resident.objects.create(
                household=household, name=name, birth_year=year, phone=f"1391111{room}{i}"[:11]
            )
            for tag in tags:
                ResidentTag.objects.create(resident=resident, tag=tag)
    return world


def test_a_captain_logs_in_with_a_phone_code_searches_hb_and_opens_huangbins_household(
    phone_page, live_server, street, sms_outbox
):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/phone/")
    page.fill("input[name=phone]", "13700000003")
    page.click("button:has-text('获取验证码')")
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", sms_outbox[-1].code)
    page.click("button:has-text('登录')")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "我的楼栋"
    assert_readable(page)
    screenshot(page, "phone-captain-home")

    page.fill("#search-q", "hb")  # the live search answers while typing, no submit
    hit = page.locator("#search-results a.hit", has_text="黄彬")
    hit.wait_for()
    assert page.locator("#search-results a.hit").count() == 1
    screenshot(page, "phone-captain-search-hb")
    hit.click()

    page.wait_for_url(re.compile(r"/community/households/\d+/$"))
    assert page.locator("h1").inner_text() == "凯旋名邸 3栋1单元201"
    assert "139****0003" in page.locator(".residents").inner_text()
    assert_readable(page)
    screenshot(page, "phone-captain-household")

    page.click("button:has-text('显示')")
    page.locator("a.tel[href='tel:13900000003']").wait_for()
    assert AuditEntry.objects.filter(
        action=Action.VIEW_PHONE, user=street.users["captain3"], resident_id=street.huangbin.pk
    ).exists()
    screenshot(page, "phone-captain-household-revealed")


def test_staff_filter_the_vulnerable_list_by_tag_without_leaving_the_page(
    desktop_page, live_server, sign_in, street
):
    page = desktop_page
    sign_in(page, street.users["staff"])
    page.goto(f"{live_server.url}/")
    page.click(".chips a:has-text('慢性病')")
    page.wait_for_url(re.compile(r"tag=chronic"))
    rows = page.locator("#vulnerable tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1 and "赵建国" in rows.inner_text()


PAGES = [
    # (screenshot name, user, url from the world)
    ("staff-overview", "staff", lambda w: "/"),
    ("staff-building", "staff", lambda w: f"/community/buildings/{w.building3.pk}/"),
    ("staff-household", "staff", lambda w: f"/community/households/{w.household3.pk}/"),
    ("staff-resident", "staff", lambda w: f"/community/residents/{w.huangbin.pk}/"),
    ("staff-search", "staff", lambda w: "/community/search/?q=1"),
    ("staff-resident-form", "staff", lambda w: f"/community/residents/{w.huangbin.pk}/edit/"),
    ("staff-audit-log", "staff", lambda w: f"/audit/residents/{w.huangbin.pk}/"),
    ("resident-home", "resident", lambda w: "/"),
    ("viewer-home", "viewer", lambda w: "/"),
    ("doctor-home", "doctor", lambda w: "/"),
]


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("name, role, url", PAGES, ids=[p[0] for p in PAGES])
def test_each_main_page_is_readable_at_phone_and_desktop_width(
    request, live_server, sign_in, street, width, name, role, url
):
    page = request.getfixturevalue(f"{width}_page")
    sign_in(page, street.users[role])
    street.huangbin.name = "黄斌"  # leaves an entry with old and new values for the log
    street.huangbin.save()
    response = page.goto(f"{live_server.url}{url(street)}")
    assert response.status == 200
    assert page.locator("h1").first.is_visible()
    assert_readable(page)
    screenshot(page, f"{width}-{name}")
