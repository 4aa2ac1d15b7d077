"""The daily report on a phone and a desk: figures, both trend charts drawn, the
7/14-day toggle, the day picker, and the street viewer's roll-up.
Screenshots go to tests/screenshots/ for a person to look at."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command

from tests.browser.conftest import SCREENSHOTS, assert_readable, screenshot
from tests.reports.conftest import DAY, seed


@pytest.fixture
def evening(time_machine, world):
    """Five days after the seeded day, with the evenings before stored."""
    seeded = seed(world)
    time_machine.move_to("2020-02-15 21:00 +08:00", tick=True)
    call_command("daily_report", "--date", (DAY + timedelta(days=4)).isoformat(), "--days", "14")
    return seeded


def _charts_drawn(page):
    charts = page.locator("figure.chart")
    assert charts.count() == 2
    for i in range(2):
        box = charts.nth(i).locator("svg").first.bounding_box()
        assert box["width"] > 300 and box["height"] > 150
    # The coverage line has a point for each day of the trend.
    return page.locator("figure.chart").first.locator("circle").count()


def test_staff_read_the_report_with_its_charts_on_a_phone(
    phone_page, live_server, sign_in, evening
):
    page = phone_page
    sign_in(page, evening.users["staff"])
    page.goto(f"{live_server.url}/")
    page.click("a:has-text('日报与趋势')")
    page.wait_for_url(re.compile(r"/reports/"))
    page.goto(f"{page.url.split('?')[0]}?date={DAY.isoformat()}")
    assert page.locator("tr.row-cat_suspected td.value").inner_text() == "1"
    assert page.locator("tr.row-cat_suspected td.change").inner_text() == "+1"
    assert _charts_drawn(page) == 14
    assert_readable(page)
    screenshot(page, "phone-report-community")
    page.locator("section.trend").screenshot(path=str(SCREENSHOTS / "phone-report-charts.png"))
    page.click("a:has-text('7天')")
    page.wait_for_url(re.compile(r"days=7"))
    assert _charts_drawn(page) == 7
    page.click("a:has-text('前一天')")
    page.wait_for_url(re.compile(r"date=2020-02-09"))
    assert page.locator("tr.row-cat_fever td.value").inner_text() == "1"


def test_staff_read_the_report_on_a_desk(desktop_page, live_server, sign_in, evening):
    page = desktop_page
    sign_in(page, evening.users["staff"])
    page.goto(f"{live_server.url}/reports/communities/{evening.community.pk}/?date={DAY}")
    assert _charts_drawn(page) == 14
    assert_readable(page)
    screenshot(page, "desktop-report-community")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_street_viewer_reads_the_rollup_and_drills_down(
    request, size, live_server, sign_in, evening
):
    page = request.getfixturevalue(f"{size}_page")
    sign_in(page, evening.users["viewer"])
    page.goto(f"{live_server.url}/")
    page.click("a:has-text('日报与趋势')")
    page.goto(f"{live_server.url}/reports/?date={DAY}")
    assert page.locator("h2.total-title").is_visible()
    assert page.locator("tr.row-residents td.value").inner_text() == "4"
    _charts_drawn(page)
    assert_readable(page)
    screenshot(page, f"{size}-report-rollup")
    page.click("a:has-text('武南村社区')")
    page.wait_for_url(re.compile(r"/reports/communities/\d+/"))
    assert page.locator("tr.row-residents td.value").inner_text() == "3"
