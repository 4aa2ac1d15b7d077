"""Staff follow up a need the resident kept from professionals, on a phone: 已联系,
then 办结; the resident withdraws another need. Screenshots at 390 px."""

import re
from datetime import timedelta

from django.utils import timezone

from linli.cases.choices import EventKind, NeedStatus
from linli.cases.models import CaseEvent, Need
from tests.browser.conftest import assert_readable, screenshot
from tests.cases.case_factory import make_need


def test_staff_mark_an_overdue_need_responded_then_close_it_on_a_phone(
    phone_page, live_server, sign_in, world
):
    page, base = phone_page, live_server.url
    need = make_need(world)  # P3, no consent: not for professionals
    Need.objects.filter(pk=need.pk).update(due_at=timezone.now() - timedelta(minutes=10))
    sign_in(page, world.users["staff"])
    page.goto(f"{base}/cases/needs/{need.pk}/")
    assert "已超过响应期限" in page.inner_text("main")
    button = page.locator("button:has-text('已联系')")
    assert button.bounding_box()["height"] >= 44
    assert_readable(page)
    screenshot(page, "phone-need-handling")

    page.fill("#respond-note", "已电话联系，明天上午送药")
    button.click()
    page.wait_for_selector(".messages")
    assert "已超过响应期限" not in page.inner_text("main")
    assert "已联系" in page.inner_text(".timeline")

    page.click("summary:has-text('办结')")
    page.select_option("#close-outcome", "resolved")
    page.fill("#close-note", "药已送到")
    screenshot(page, "phone-need-close-open")
    page.click("button:has-text('办结'):visible")
    page.wait_for_url(re.compile(rf"/cases/needs/{need.pk}/$"))
    page.wait_for_selector("summary:has-text('重新打开')")
    assert_readable(page)
    screenshot(page, "phone-need-closed")
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED
    assert CaseEvent.objects.filter(need=need, kind=EventKind.RESPONDED).count() == 1


def test_a_resident_withdraws_their_need_on_a_phone(phone_page, live_server, sign_in, world):
    page, base = phone_page, live_server.url
    resident = world.users["resident"]
    need = make_need(world, entered_by=resident)
    sign_in(page, resident)
    page.goto(f"{base}/cases/needs/{need.pk}/")
    page.click("summary:has-text('撤回求助')")
    page.fill("#withdraw-reason", "家里人买到药了")
    assert_readable(page)
    screenshot(page, "phone-need-withdraw")
    page.click("button:has-text('撤回'):visible")
    page.wait_for_selector(".messages")
    assert "已撤回" in page.inner_text("main")
    need.refresh_from_db()
    assert need.status == NeedStatus.WITHDRAWN
