"""A resident asks for help on a phone with big buttons; staff see it on their list.
Screenshots at 390 px and desktop go to tests/screenshots/ for a person to look at."""

import re

from linli.cases.choices import Priority
from linli.cases.models import Need
from tests.browser.conftest import assert_readable, screenshot


def test_a_resident_asks_for_help_with_big_buttons_and_staff_see_it_first(
    phone_page, desktop_page, live_server, sign_in, world
):
    page, base = phone_page, live_server.url

    # 1. From the home page's big button to the seven categories.
    sign_in(page, world.users["resident"])
    page.goto(f"{base}/")
    help_button = page.locator("a:has-text('我需要帮助')")
    assert help_button.bounding_box()["height"] >= 60
    assert_readable(page)
    screenshot(page, "phone-resident-home-help")
    help_button.click()
    page.wait_for_url(re.compile(r"/cases/needs/new/$"))
    buttons = page.locator(".need-cats a")
    assert buttons.count() == 7
    assert all(buttons.nth(i).bounding_box()["height"] >= 60 for i in range(7))
    assert_readable(page)
    screenshot(page, "phone-need-categories")

    # 2. Tap 心理疏导, write, leave consent as it is (unticked), submit.
    page.click(".need-cats a:has-text('心理疏导')")
    assert page.input_value("input[name=contact_phone]") == "13900000003"
    assert not page.is_checked("input[name=consent]")
    page.fill("textarea[name=text]", "一个人关在家里好多天，活着没意思")
    assert_readable(page)
    screenshot(page, "phone-need-form")
    page.click("button:has-text('提交求助')")

    # 3. A crisis: the confirmation shows the emergency numbers at once.
    page.wait_for_url(re.compile(r"/cases/needs/\d+/done/$"))
    page.wait_for_selector(".need-sos a[href='tel:120']")
    assert page.locator("a[href='tel:02785844666']").is_visible()
    need = Need.objects.get()
    assert need.priority == Priority.P1 and need.crisis and not need.consent
    assert "接手的专业人员可以看到" in page.inner_text("main")  # said honestly
    assert_readable(page)
    screenshot(page, "phone-need-done-crisis")

    # 4. Staff at a desk: the crisis heads their list, with its reasons on its page.
    desk = desktop_page
    sign_in(desk, world.users["staff"])
    desk.goto(f"{base}/cases/needs/")
    first = desk.locator(".need-list > li").first
    assert "P1" in first.inner_text() and "心理疏导" in first.inner_text()
    screenshot(desk, "desktop-needs-list")
    first.locator("a").click()
    desk.wait_for_selector(".need-reasons li")
    assert "活着没意思" in desk.inner_text("main")
    screenshot(desk, "desktop-need-detail")

    # 5. And the same list on the worker's phone.
    sign_in(page, world.users["staff"])
    page.goto(f"{base}/cases/needs/")
    assert_readable(page)
    screenshot(page, "phone-needs-list")


def test_a_captain_pastes_a_chat_fixes_a_room_and_confirms_on_a_phone(
    phone_page, live_server, sign_in, world
):
    page, base = phone_page, live_server.url
    sign_in(page, world.users["captain3"])
    page.goto(f"{base}/cases/needs/paste/")
    page.fill(
        "textarea[name=text]",
        "张阿姨 3-1-201：我家降压药快吃完了，能帮忙买吗\n收到\n赵伯：我一个人住，家里没菜了\n",
    )
    page.click("button:has-text('预览')")
    page.wait_for_selector(".drafts > li.missing")
    assert Need.objects.count() == 0
    assert "略过 1 条" in page.inner_text("main")
    assert_readable(page)
    screenshot(page, "phone-need-paste-preview")
    page.fill(".drafts > li.missing input[name$=room]", "3-1-201")
    page.click("button:has-text('重新匹配房号')")
    page.wait_for_selector("button:has-text('确认登记 2 条')")
    page.click("button:has-text('确认登记 2 条')")
    page.wait_for_url(re.compile(r"/cases/needs/$"))
    assert Need.objects.filter(household=world.household3).count() == 2
