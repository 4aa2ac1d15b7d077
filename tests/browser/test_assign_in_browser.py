"""Assigning at phone width: the community worker opens a crisis need, sees the
three suggestions with their reasons and assigns the first; the psychologist
finds it under 待我接受 and accepts; the registry of professionals. Screenshots
go to tests/screenshots/ for a person to look at."""

import re

from linli.cases.choices import Category, NeedStatus, Priority
from linli.cases.models import Case, Need
from tests.browser.conftest import assert_readable, screenshot
from tests.cases.conftest import *  # noqa: F403 (people: the professionals)
from tests.cases.helpers_assign import make_need


def test_a_worker_assigns_a_suggested_psychologist_who_accepts(
    phone_page, live_server, sign_in, world, people
):
    page, base = phone_page, live_server.url
    need = make_need(
        world.household3, Category.PSYCH, Priority.P1, crisis=True, text="我不想活了，活着没意思",
        resident=world.huangbin, reasons=[{"code": "suicide", "text": "提到“不想活了”"}],
    )  # fmt: skip

    sign_in(page, world.users["staff"])
    page.goto(f"{base}/cases/needs/{need.pk}/")
    suggestions = page.locator(".assign-suggestions > li")
    assert suggestions.count() == 3
    assert people.psychologist.name in suggestions.first.inner_text()
    assert "专长：危机干预" in suggestions.first.inner_text()
    assert_readable(page)
    screenshot(page, "phone-need-assign-suggestions")
    suggestions.first.locator("button").click()
    page.wait_for_selector(".messages li:has-text('等待接受')")
    assert Need.objects.get(pk=need.pk).status == NeedStatus.OFFERED
    screenshot(page, "phone-need-assign-offered")

    other = page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    pro_page = other.new_page()
    sign_in(pro_page, world.users["psychologist"])
    pro_page.goto(f"{base}/cases/offers/")
    assert_readable(pro_page)
    screenshot(pro_page, "phone-offers")
    pro_page.click(".offer-list button:has-text('接受')")
    pro_page.wait_for_url(re.compile(r"/cases/\d+/$"))
    assert Case.objects.get(need=need).lead == people.psychologist
    other.close()


def test_the_registry_of_professionals_reads_on_a_phone(
    phone_page, live_server, sign_in, world, people
):
    page, base = phone_page, live_server.url
    sign_in(page, world.users["staff"])
    page.goto(f"{base}/cases/professionals/")
    assert people.doctor.name in page.locator("main").inner_text()
    assert_readable(page)
    screenshot(page, "phone-professionals")
    page.goto(f"{base}/cases/professionals/{people.social_worker.pk}/")
    assert_readable(page)
    screenshot(page, "phone-professional-form")
