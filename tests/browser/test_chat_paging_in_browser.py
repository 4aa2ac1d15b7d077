"""The chat inbox's pager on a captain's phone: 下一页 and 上一页 as big buttons
at 390 px. The screenshot goes to tests/screenshots/ for a person to look at."""

from linli.chat import drafts
from tests.browser.conftest import assert_readable, screenshot
from tests.chat.conftest import make_group


def test_a_captain_pages_through_sixty_drafts_on_a_phone(phone_page, live_server, sign_in, world):
    group = make_group(world, building=world.building3).group
    for n in range(60):
        drafts.receive(group, "张阿姨", f"能不能帮忙买点菜，第{n}次", "2020-02-20T08:10:00+08:00")
    page = phone_page
    sign_in(page, world.users["captain3"])

    page.goto(f"{live_server.url}/chat/inbox/")
    assert page.locator(".chat-card").count() == 50
    page.click(".pager a:has-text('下一页')")
    page.wait_for_url("**/chat/inbox/?page=2")
    assert page.locator(".chat-card").count() == 10
    assert "第 2 / 2 页" in page.inner_text(".pager")
    assert_readable(page)
    screenshot(page, "phone-chat-inbox-page-2")
    page.locator(".pager").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot(page, "phone-chat-inbox-pager")), full_page=False)

    page.click(".pager a:has-text('上一页')")
    page.wait_for_url("**/chat/inbox/?page=1")
    assert page.locator(".chat-card").count() == 50
