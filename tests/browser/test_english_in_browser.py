"""The English interface on a phone: English labels run longer than Chinese
ones, so every main page, the sign-in pages and the roster preview are checked
at 390 px for sideways scrolling and for text spilling out of its button or
cell, and screenshotted (tests/screenshots/phone-en-*.png)."""

import re

import pytest

from linli.community.models import RosterImport
from tests.browser.conftest import assert_readable, screenshot
from tests.browser.test_pages_in_browser import PAGES, street  # noqa: F401 (a fixture)
from tests.roster_factory import csv_bytes

# Buttons, links drawn as buttons and table cells whose text is wider than the
# box: hidden or clipped text that the page-wide overflow check cannot see.
SPILLING = """() => [...document.querySelectorAll(
    'button, a.button, th, td, .chips a, dt, dd, label, h1, h2')]
  .filter(e => e.offsetParent !== null && !e.closest('.visually-hidden'))
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 40))"""


def english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


# Buttons whose text has the colour of their own background.
INVISIBLE = """() => [...document.querySelectorAll('button, a.button')]
  .filter(e => e.offsetParent !== null)
  .filter(e => getComputedStyle(e).color === getComputedStyle(e).backgroundColor)
  .map(e => e.outerHTML.slice(0, 80))"""


def check(page, name):
    assert page.locator("html[lang=en]").count() == 1
    assert_readable(page)
    assert page.evaluate(SPILLING) == []
    assert page.evaluate(INVISIBLE) == []
    screenshot(page, f"phone-en-{name}")


@pytest.mark.parametrize("name, role, url", PAGES, ids=[p[0] for p in PAGES])
def test_each_main_page_in_english_fits_a_phone(
    phone_page,
    live_server,
    sign_in,
    street,  # noqa: F811 (the fixture imported above)
    name,
    role,
    url,
):
    sign_in(phone_page, english(street.users[role]))
    response = phone_page.goto(f"{live_server.url}{url(street)}")
    assert response.status == 200
    check(phone_page, name)


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/phone/"])
def test_the_sign_in_pages_in_english_fit_a_phone(phone_page, live_server, db, path):
    phone_page.goto(f"{live_server.url}{path}")
    phone_page.click(".lang-switch button[value=en]")
    phone_page.wait_for_selector("html[lang=en]")
    check(phone_page, path.strip("/").replace("/", "-"))


def test_a_wrong_phone_number_on_the_sign_in_page_is_explained_in_english_on_a_phone(
    phone_page, live_server, db
):
    phone_page.goto(f"{live_server.url}/accounts/phone/")
    phone_page.click(".lang-switch button[value=en]")
    phone_page.wait_for_selector("html[lang=en]")
    phone_page.fill("input[name=phone]", "1390000")
    phone_page.click("main button[type=submit]")
    phone_page.wait_for_selector("text=Mobile numbers have 11 digits")
    check(phone_page, "phone-login-error")


def test_the_roster_import_and_its_preview_in_english_fit_a_phone(
    phone_page, live_server, sign_in, world, tmp_path
):
    rows = [
        ["3", "1", "201", "黄小明", "1390000", "男", "VIP"],
        ["3", "1", "202", "", "", "", ""],
        ["3", "1", "203", "刘桂兰", "13911112222", "女", "独居老人"],
    ]
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes(rows, ["楼栋", "单元", "房号", "姓名", "电话", "性别", "标签"]))
    sign_in(phone_page, english(world.users["staff"]))

    phone_page.goto(f"{live_server.url}/community/roster/import/")
    check(phone_page, "roster-import")
    phone_page.set_input_files("input[type=file]", str(path))
    phone_page.click("button:has-text('Upload and preview')")
    phone_page.wait_for_url(re.compile(r"/community/roster/import/\d+/$"))
    assert "Mobile numbers have 11 digits" in phone_page.inner_text("table.stack")
    check(phone_page, "roster-preview")
    assert RosterImport.objects.count() == 1
