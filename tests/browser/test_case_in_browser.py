"""A case at phone width: the psychologist writes a psychological note and plans
follow-ups; the captain of the building opens the need and learns only that help
is under way; the psychologist closes the case with an outcome. Screenshots of
the case page, the professional's list and the captain's view, on a phone and a
desktop, go to tests/screenshots/ for a person to look at."""

import re
from datetime import timedelta

from django.utils import timezone

from linli.cases.choices import CaseStatus, NeedStatus, Priority, Sensitivity
from linli.cases.models import CaseNote, FollowUp
from tests.browser.conftest import assert_readable, screenshot
from tests.cases.case_factory import open_case
from tests.cases.conftest import people  # noqa: F401  (the professionals fixture)

NOTE = "谈到丈夫去世后一直自责，夜里睡不着；约定每两天电话一次。"


def test_a_psychologist_works_a_case_the_captain_sees_only_that_help_is_under_way(
    phone_page,
    desktop_page,
    live_server,
    sign_in,
    world,
    people,  # noqa: F811
):
    page, base = phone_page, live_server.url
    case = open_case(world, people, lead=people.psychologist, consent=True, priority=Priority.P2)
    case.plan = "先电话评估情绪，再视情况联系家属。"
    case.save()
    today = timezone.localdate()

    # 1. The psychologist starts on their cases and opens this one.
    sign_in(page, people.psychologist.user)
    page.goto(f"{base}/")
    page.wait_for_url(re.compile(r"/cases/mine/$"))
    assert_readable(page)
    screenshot(page, "phone-case-mine")
    page.click(".case-link")
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))

    # 2. A psychological note.
    page.click("summary:has-text('写一条记录')")
    page.fill("textarea[name=note-text]", NOTE)
    page.check("label:has-text('心理') input")
    page.click("button:has-text('保存记录')")
    page.wait_for_selector(".messages li:has-text('已保存记录')")
    assert page.locator(".note .badge.psychological").count() == 1
    assert CaseNote.objects.get().sensitivity == Sensitivity.PSYCHOLOGICAL

    # 3. Follow-ups every two days for the coming week; a bad one first.
    page.click("summary:has-text('安排回访')")
    page.fill("input[name=fu-first]", today.isoformat())
    page.fill("input[name=fu-every]", "2")
    page.click("button:has-text('安排')")
    page.wait_for_selector(".errorlist:has-text('请填写截止日期')")
    assert page.input_value("input[name=fu-every]") == "2"
    page.fill("input[name=fu-until]", (today + timedelta(days=6)).isoformat())
    page.click("button:has-text('安排')")
    page.wait_for_selector(".messages li:has-text('已安排回访')")
    assert FollowUp.objects.filter(case=case).count() == 4
    assert page.locator(".follow-ups .pill.today").count() == 1
    assert_readable(page)
    screenshot(page, "phone-case-page")

    # 4. The captain of building 3 opens the need: help under way, nothing said.
    captain = phone_page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    captain_page = captain.new_page()
    sign_in(captain_page, world.users["captain3"])
    captain_page.goto(f"{base}/cases/needs/{case.need.pk}/")
    text = captain_page.locator("main").inner_text()
    assert "已有专业人员跟进（心理咨询师）" in text and "进行中" in text
    assert NOTE not in text and "丈夫" not in text and case.need.text not in text
    assert captain_page.locator(f"a[href='/cases/{case.pk}/']").count() == 0
    assert_readable(captain_page)
    screenshot(captain_page, "phone-case-captain-need")
    assert captain_page.goto(f"{base}/cases/{case.pk}/").status == 404
    captain.close()

    # 5. The psychologist closes the case: an outcome is required. (Signing the captain
    # in replaced the test client's session, so the psychologist signs in again.)
    sign_in(page, people.psychologist.user)
    page.goto(f"{base}/cases/{case.pk}/")
    page.click("summary:has-text('结案')")
    page.fill("textarea[name=close-note]", "情绪稳定，已转介长期心理服务。")
    page.click("button:has-text('确认结案')")
    page.wait_for_selector(".errorlist:has-text('结案前请选择结果')")
    page.select_option("select[name=close-outcome]", "referred_out")
    page.click("button:has-text('确认结案')")
    page.wait_for_selector(".messages li:has-text('个案已结案')")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.need.status == NeedStatus.CLOSED
    assert "已转介其他机构" in page.locator(".closed-box").inner_text()
    assert_readable(page)
    screenshot(page, "phone-case-closed")

    # 6. The same pages on a desktop.
    desk = desktop_page
    sign_in(desk, people.psychologist.user)
    desk.goto(f"{base}/cases/{case.pk}/")
    assert_readable(desk)
    screenshot(desk, "desktop-case-page")
    desk.goto(f"{base}/cases/mine/")
    desk.click("summary:has-text('已结案')")
    assert_readable(desk)
    screenshot(desk, "desktop-case-mine")
    sign_in(desk, world.users["captain3"])
    desk.goto(f"{base}/cases/needs/{case.need.pk}/")
    assert NOTE not in desk.locator("main").inner_text()
    screenshot(desk, "desktop-case-captain-need")
