"""The casework acceptance test, end to end in a browser.

A resident on a phone asks for help in words that signal a crisis; it lands as P1
with its reasons; the supervisor sees it on the dashboard, opens it and assigns the
first suggested psychologist; the psychologist accepts and writes a psychological
note; the captain of the building opens the need and finds neither the note nor the
text; the psychologist closes the case with an outcome. Each step is screenshotted
at 390 px and on a desktop into tests/screenshots/ for a person to look at.
"""

import re
from datetime import timedelta

from django.utils import timezone

from linli.cases.choices import CaseStatus, NeedStatus, Priority, Profession, Sensitivity
from linli.cases.models import Case, CaseNote, FollowUp, Need
from tests.browser.conftest import DESKTOP, assert_readable, screenshot
from tests.cases.case_factory import make_need, open_case
from tests.cases.conftest import people  # noqa: F401  (the professionals fixture)

CRY = "我老伴被送去方舱了，我一个人在家，真的不想活了"
NOTE = "老伴住进方舱后独自在家，说夜里想到轻生；已约好每天上午视频通话，并告知心理援助热线。"
OUTCOME_NOTE = "情绪平稳，老伴已出院回家，转为每周一次的电话关怀。"


def _both(page, desk, sign_in, user, url, name, readable=True):
    """Open `url` on the desktop too, as `user`, and screenshot both widths."""
    if readable:
        assert_readable(page)
    screenshot(page, f"phone-casework-{name}")
    sign_in(desk, user)
    desk.goto(url)
    assert desk.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(desk, f"desktop-casework-{name}")


def _new_phone(page):
    context = page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    return context, context.new_page()


def test_a_crisis_goes_from_a_residents_phone_to_a_closed_case_that_the_captain_cannot_read(
    phone_page,
    desktop_page,
    live_server,
    sign_in,
    world,
    people,  # noqa: F811
):
    page, desk, base = phone_page, desktop_page, live_server.url
    assert desk.viewport_size == DESKTOP
    resident = world.users["resident"]

    # 1. The resident: 心理疏导, the words, consent to share, submit.
    sign_in(page, resident)
    page.goto(f"{base}/cases/needs/new/")
    page.click(".need-cats a:has-text('心理疏导')")
    page.fill("textarea[name=text]", CRY)
    page.check("input[name=consent]")
    form_url = page.url
    _both(page, desk, sign_in, resident, form_url, "1-resident-form")

    sign_in(page, resident)
    page.goto(form_url)
    page.fill("textarea[name=text]", CRY)
    page.check("input[name=consent]")
    page.click("button:has-text('提交求助')")

    # 2. The confirmation: at once the emergency numbers; in the database, P1 with reasons.
    page.wait_for_url(re.compile(r"/cases/needs/\d+/done/$"))
    page.wait_for_selector(".need-sos a[href='tel:120']")
    need = Need.objects.get()
    assert need.priority == Priority.P1 and need.crisis and need.consent
    assert need.reasons and any("不想活" in r["text"] for r in need.reasons)
    assert need.household == world.household3
    _both(page, desk, sign_in, resident, page.url, "2-confirmation")

    # 3. The supervisor's dashboard counts it under P1 and links to it.
    supervisor = people.supervisor.user
    sign_in(page, supervisor)
    page.goto(f"{base}/cases/mine/")
    page.click("a:has-text('督导看板')")
    page.wait_for_url(re.compile(r"/cases/dashboard/$"))
    p1_tile = page.locator(".dash-tile.prio-tile-1")
    assert p1_tile.locator(".n").inner_text() == "1"
    assert p1_tile.bounding_box()["height"] >= 60
    _both(page, desk, sign_in, supervisor, f"{base}/cases/dashboard/", "3-dashboard")

    # 4. The need page: P1, its reasons, three suggestions; the first psychologist is offered it.
    sign_in(page, supervisor)
    page.goto(f"{base}/cases/dashboard/")
    p1_tile.click()
    page.wait_for_url(re.compile(r"/cases/needs/\?priority=1$"))
    page.click(f".need-list a[href='/cases/needs/{need.pk}/']")
    page.wait_for_selector(".need-reasons li")
    main = page.inner_text("main")
    assert "P1" in main and CRY in main
    assert any(r["text"] in main for r in need.reasons)
    suggestions = page.locator(".assign-suggestions > li")
    assert suggestions.count() == 3
    psychologist = people.psychologist
    first_psy = next(
        i for i in range(3) if str(Profession.PSYCHOLOGIST.label) in suggestions.nth(i).inner_text()
    )
    assert psychologist.name in suggestions.nth(first_psy).inner_text()
    _both(page, desk, sign_in, supervisor, page.url, "4-need-suggestions")
    sign_in(page, supervisor)
    page.reload()
    page.locator(".assign-suggestions > li").nth(first_psy).locator("button").click()
    page.wait_for_selector(".messages li:has-text('等待接受')")
    assert Need.objects.get(pk=need.pk).status == NeedStatus.OFFERED

    # 5. The psychologist accepts from their offers and writes a psychological note.
    sign_in(page, psychologist.user)
    page.goto(f"{base}/cases/offers/")
    page.click(".offer-list button:has-text('接受')")
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    case = Case.objects.get(need=need)
    assert case.lead == psychologist
    page.click("summary:has-text('写一条记录')")
    page.fill("textarea[name=note-text]", NOTE)
    page.check("label:has-text('心理') input")
    page.click("button:has-text('保存记录')")
    page.wait_for_selector(".messages li:has-text('已保存记录')")
    assert CaseNote.objects.get(case=case).sensitivity == Sensitivity.PSYCHOLOGICAL
    assert NOTE in page.inner_text("main")
    _both(page, desk, sign_in, psychologist.user, page.url, "5-case-page")

    # 6. The captain of building 3: help is under way; not the note, not the words.
    captain_context, captain_page = _new_phone(page)
    captain = world.users["captain3"]
    sign_in(captain_page, captain)
    captain_page.goto(f"{base}/cases/needs/{need.pk}/")
    html = captain_page.content()
    assert "已有专业人员跟进" in captain_page.inner_text("main")
    assert NOTE not in html and "轻生" not in html
    assert CRY not in html and "不想活" not in html and "方舱" not in html
    assert captain_page.goto(f"{base}/cases/{case.pk}/").status == 404
    captain_page.goto(f"{base}/cases/needs/{need.pk}/")
    _both(captain_page, desk, sign_in, captain, captain_page.url, "6-captain-view")
    assert NOTE not in desk.content() and CRY not in desk.content()
    captain_context.close()

    # 7. The psychologist closes the case with an outcome.
    sign_in(page, psychologist.user)
    page.goto(f"{base}/cases/{case.pk}/")
    page.click("summary:has-text('结案')")
    page.select_option("select[name=close-outcome]", "stable")
    page.fill("textarea[name=close-note]", OUTCOME_NOTE)
    page.click("button:has-text('确认结案')")
    page.wait_for_selector(".messages li:has-text('个案已结案')")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == "stable"
    assert Need.objects.get(pk=need.pk).status == NeedStatus.CLOSED
    _both(page, desk, sign_in, psychologist.user, page.url, "7-case-closed")


def test_a_busy_dashboard_reads_on_a_phone_with_overdue_needs_first(
    phone_page,
    desktop_page,
    live_server,
    sign_in,
    world,
    people,  # noqa: F811
):
    now = timezone.now()
    late = make_need(world, priority=Priority.P1, crisis=True, created_at=now - timedelta(hours=3))
    Need.objects.filter(pk=late.pk).update(escalated_at=now - timedelta(hours=2))
    make_need(world, household=world.household5, priority=Priority.P2, source_key="careflag:1")
    people.psychologist.capacity = 2
    people.psychologist.save()
    for _ in range(2):
        case = open_case(world, people, lead=people.psychologist, consent=True)
        FollowUp.objects.create(case=case, due_on=timezone.localdate() - timedelta(days=1))
    page, base = phone_page, live_server.url
    sign_in(page, people.supervisor.user)
    page.goto(f"{base}/cases/dashboard/")
    alert = page.locator(".dash-alert")
    assert "1 条求助超时未响应" in alert.inner_text()
    assert alert.bounding_box()["y"] < page.locator(".dash-tiles").bounding_box()["y"]
    assert "已满" in page.locator(".dash-load > li.load-full").inner_text()
    assert late.text not in page.content()
    assert_readable(page)
    screenshot(page, "phone-casework-dashboard-busy")
    sign_in(desktop_page, people.supervisor.user)
    desktop_page.goto(f"{base}/cases/dashboard/")
    screenshot(desktop_page, "desktop-casework-dashboard-busy")
