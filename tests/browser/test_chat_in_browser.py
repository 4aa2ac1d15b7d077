"""The chat inbox on a captain's phone and a worker's desk: a crisis first in red,
a health report confirmed into check-ins with a thumb. Screenshots at 390 px and
desktop go to tests/screenshots/ for a person to look at."""

from linli.cases.models import Need
from linli.chat import drafts
from linli.community.models import Resident
from linli.health.models import CheckIn, VisitTask
from tests.browser.conftest import assert_readable, screenshot
from tests.chat.conftest import make_group

MESSAGES = [
    ("黄彬 3-1-201", "3-1-201 两口人 36.5 38.6", "2020-02-20T08:10:00+08:00"),
    ("张阿姨", "我家老头子的降压药快吃完了，能不能帮忙买一点？", "2020-02-20T08:20:00+08:00"),
    ("李叔", "3-1-201 这几天一个人实在撑不下去了，不想活了", "2020-02-20T08:30:00+08:00"),
    (
        "楼长小王",
        "#接龙 2月21日蔬菜团购\n1. 3-1-201 大白菜2斤 土豆3斤\n2. 3-1-202 鸡蛋1斤",
        "2020-02-20T08:40:00+08:00",
    ),
    ("王阿姨", "收到，谢谢楼长", "2020-02-20T08:50:00+08:00"),
]


def test_a_captain_confirms_a_health_report_from_the_inbox_with_the_crisis_on_top(
    phone_page, desktop_page, live_server, sign_in, world
):
    Resident.objects.create(household=world.household3, name="黄妻", birth_year=1982)
    group = make_group(world, building=world.building3).group
    for sender, text, sent_at in MESSAGES:
        drafts.receive(group, sender, text, sent_at)
    page, base = phone_page, live_server.url

    # 1. The captain's start page says how many drafts wait; the inbox opens on it.
    sign_in(page, world.users["captain3"])
    page.goto(f"{base}/")
    # The crisis has its own red button above the count.
    assert page.locator("a.button.danger").inner_text() == "P1 紧急求助待确认（1条）"
    assert_readable(page)
    screenshot(page, "phone-chat-start-urgent")
    page.click("a:has-text('群消息待确认（4条）')")
    cards = page.locator(".chat-card")
    assert cards.count() == 4  # the thank-you is talk, not listed
    assert "不想活了" in cards.first.inner_text()
    assert "P1 危机求助" in cards.first.inner_text() and "自杀念头" in cards.first.inner_text()
    assert "crisis" in cards.first.get_attribute("class")
    assert "没有正在接单的团购" in page.inner_text("main")
    assert_readable(page)
    screenshot(page, "phone-chat-inbox")

    # 2. Confirm the health report: two proxy check-ins, the fever opens a visit.
    report = page.locator(".chat-card", has_text="两口人")
    assert report.locator(".temp.fever").inner_text() == "38.6 °C 发热"
    report.locator("button:has-text('登记打卡')").click()
    page.wait_for_selector(".messages li:has-text('已登记 2 人的打卡')")
    assert CheckIn.objects.count() == 2 and VisitTask.objects.count() == 1
    assert page.locator(".chat-card").count() == 3

    # 3. Staff at a desk see the same drafts; nothing became a need on its own.
    desk = desktop_page
    sign_in(desk, world.users["staff"])
    desk.goto(f"{base}/chat/inbox/")
    assert desk.locator(".chat-card").count() == 3
    assert not Need.objects.exists()
    assert desk.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(desk, "desktop-chat-inbox")
