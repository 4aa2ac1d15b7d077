"""An announcement reaches a building: staff publish it to building 3; the
captain of building 3, on a phone, opens the unread list, calls one resident
without a smartphone and visits another, and the list shrinks by two; the
resident reads it on his phone; the street office reads the feedback figures.
Screenshots go to tests/screenshots/ for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from linli.community.models import Resident
from linli.notices.choices import FeedbackKind, Told, Topic
from linli.notices.feedback import Feedback
from linli.notices.models import Announcement, ReadReceipt
from tests.browser.conftest import assert_readable, screenshot
from tests.notices.conftest import building3_people  # noqa: F401  (a fixture)

TITLE = "3栋今晚八点楼道消杀"


def publish_to_building3(page, base):
    page.goto(f"{base}/notices/new/")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=body]", "今晚八点消杀楼道和电梯，请关好门窗，暂不要在楼道停留。")
    page.check("input[name=priority][value='1']")
    page.check("input[name=reach][value='buildings']")
    page.check("label:has-text('凯旋名邸3栋') input")
    page.click("button[value=preview]")
    page.wait_for_selector(".preview")
    assert_readable(page)
    screenshot(page, "desktop-notices-publish-preview")
    page.click("button[value=publish]")
    page.wait_for_url(re.compile(r"/notices/\d+/$"))


def test_an_announcement_reaches_a_building_and_the_captain_marks_two_offline_residents_told(
    phone_page,
    desktop_page,
    live_server,
    sign_in,
    world,
    building3_people,  # noqa: F811
):
    base = live_server.url

    # 1. Staff publish to building 3 from a desktop.
    sign_in(desktop_page, world.users["staff"])
    publish_to_building3(desktop_page, base)
    announcement = Announcement.objects.get(title=TITLE)
    assert list(announcement.buildings.all()) == [world.building3]
    assert "0 / 5" in desktop_page.locator("main").inner_text()

    # 2. The captain of building 3 on a phone: the unread list holds all five.
    page = phone_page
    sign_in(page, world.users["captain3"])
    page.goto(f"{base}/")
    page.click("a:has-text('通知：谁还不知道')")
    page.click(f"li:has-text('{TITLE}') a:has-text('未知晓名单')")
    page.wait_for_url(re.compile(r"/notices/\d+/unread/$"))
    rows = page.locator("#unread-list > li")
    assert rows.count() == 5
    assert page.locator("#unread-count").inner_text() == "5"
    # Residents without a smartphone come first.
    assert "张德海" in rows.nth(0).inner_text() and "陈桂兰" in rows.nth(1).inner_text()
    rows.nth(0).locator(".reveal button:has-text('显示')").click()
    page.locator("a.tel[href='tel:13900000022']").wait_for()
    assert_readable(page)
    screenshot(page, "phone-notices-unread")

    # 3. Told by phone, then at the door: each row leaves and the count drops.
    page.locator("#unread-list > li", has_text="张德海").locator(
        "button:has-text('电话告知')"
    ).click()
    expect(page.locator("#unread-count")).to_have_text("4")
    page.locator("#unread-list > li", has_text="陈桂兰").locator(
        "button:has-text('上门告知')"
    ).click()
    expect(page.locator("#unread-count")).to_have_text("3")
    assert page.locator("#unread-list > li").count() == 3
    assert "张德海" not in page.locator("#unread-list").inner_text()
    assert "已记录：陈桂兰，上门告知" in page.locator("#told-status").inner_text()
    receipts = {r.resident.name: r.how for r in ReadReceipt.objects.select_related("resident")}
    assert receipts == {"张德海": Told.PHONE, "陈桂兰": Told.DOOR}
    assert announcement.unread(Resident.objects.all()).count() == 3
    assert_readable(page)
    screenshot(page, "phone-notices-unread-after-telling")

    # 4. The resident of 3-1-201 on his phone: the notice is unread, first, big.
    sign_in(page, world.users["resident"])
    page.goto(f"{base}/")
    page.click("a:has-text('社区通知（1条未读）')")
    page.wait_for_url(re.compile(r"/notices/$"))
    first = page.locator(".notice-list > li").first
    assert TITLE in first.inner_text() and "未读" in first.inner_text()
    assert_readable(page)
    screenshot(page, "phone-notices-resident-list")
    first.locator("a").click()
    page.wait_for_url(re.compile(r"/notices/\d+/$"))
    assert_readable(page)
    screenshot(page, "phone-notices-resident-read")
    assert ReadReceipt.objects.filter(how=Told.APP).count() == 2  # 黄彬 and 刘敏

    # 5. Staff see the counts: four of five know now. (Signing the others in
    # replaced the test client's session, so staff sign in again.)
    sign_in(desktop_page, world.users["staff"])
    desktop_page.goto(f"{base}/notices/{announcement.pk}/")
    assert "4 / 5" in desktop_page.locator("main").inner_text()
    screenshot(desktop_page, "desktop-notices-detail")
    desktop_page.goto(f"{base}/notices/")
    screenshot(desktop_page, "desktop-notices-list")
    sign_in(page, world.users["staff"])
    page.goto(f"{base}/notices/")
    assert_readable(page)
    screenshot(page, "phone-notices-list")


@pytest.fixture
def feedback(world):
    for kind, topic, text in [
        (FeedbackKind.COMPLAINT, Topic.GROUPBUY, "团购的菜两天没送到。"),
        (FeedbackKind.QUESTION, Topic.MEDICAL, "降压药快吃完了。"),
        (FeedbackKind.SUGGESTION, Topic.SANITATION, "垃圾清运改成每天两次。"),
    ]:
        Feedback.objects.create(
            community=world.community, household=world.household3, kind=kind, topic=topic,
            text=text,
        )  # fmt: skip
    Feedback.objects.first().reply("明天送到。", world.users["staff"], close=True)


def test_the_street_office_reads_feedback_figures_without_texts(
    phone_page, desktop_page, live_server, sign_in, world, feedback
):
    for page, name in ((phone_page, "phone"), (desktop_page, "desktop")):
        sign_in(page, world.users["viewer"])
        page.goto(f"{live_server.url}/")
        page.click("a:has-text('居民意见汇总')")
        page.wait_for_url(re.compile(r"/notices/feedback/summary/$"))
        page.locator("h1:has-text('居民意见汇总')").wait_for()
        text = page.locator("main").inner_text()
        assert "团购" in text and "就医" in text
        assert "降压药" not in text
        assert_readable(page)
        screenshot(page, f"{name}-notices-feedback-summary")


def test_a_resident_sends_feedback_and_signs_up_on_a_phone(phone_page, live_server, sign_in, world):
    page = phone_page
    sign_in(page, world.users["resident"])
    page.goto(f"{live_server.url}/")
    page.click("a:has-text('有问题找社区')")
    page.click("a:has-text('提问题、反映情况')")
    page.wait_for_url(re.compile(r"/notices/feedback/new/$"))
    page.check("label:has-text('咨询') input")
    page.check("label:has-text('出行') input")
    page.fill("textarea[name=text]", "孩子要回医院上班，出门证怎么开？")
    assert_readable(page)
    screenshot(page, "phone-notices-feedback-form")
    page.click("button:has-text('提交')")
    page.wait_for_selector(".messages li")
    assert Feedback.objects.get().topic == Topic.TRAVEL
