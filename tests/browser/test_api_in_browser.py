"""API tokens on a captain's phone: make one, copy its secret, use it, revoke it;
and the API docs page working with no internet."""

import json

from linli.api.models import ApiToken
from tests.browser.conftest import assert_readable, screenshot


def test_a_captain_makes_copies_and_revokes_a_token_on_a_phone(
    phone_page, live_server, world, sign_in
):
    page = phone_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(page, world.users["captain3"])
    page.goto(f"{live_server.url}/api/tokens/")
    assert_readable(page)
    page.fill("input[name=name]", "3栋群机器人")
    page.click("button:has-text('新建令牌')")
    page.wait_for_selector("h1:has-text('已创建')")
    secret = page.inner_text("#token-secret").strip()
    assert len(secret) == 43
    assert_readable(page)
    screenshot(page, "phone-api-token-created")

    page.click("button:has-text('复制令牌')")
    page.wait_for_selector("button:has-text('已复制')")
    assert page.evaluate("navigator.clipboard.readText()") == secret

    # The copied secret works from a program (the same browser, by header).
    answer = page.request.get(
        f"{live_server.url}/api/buildings", headers={"Authorization": f"Bearer {secret}"}
    )
    assert [b["id"] for b in answer.json()["items"]] == [world.building3.pk]

    page.click("a:has-text('返回令牌列表')")
    assert secret not in page.content()
    assert_readable(page)
    screenshot(page, "phone-api-tokens")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('停用')")
    page.wait_for_selector("text=您还没有令牌。")
    assert ApiToken.objects.get().revoked_at is not None


def test_the_api_docs_render_without_reaching_outside(desktop_page, live_server, world):
    page = desktop_page
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(f"{live_server.url}/api/docs")
    page.get_by_text("/api/buildings/{building_id}").wait_for()
    assert outside == []
    schema = json.loads(page.request.get(f"{live_server.url}/api/openapi.json").text())
    assert "/api/residents" in schema["paths"]
    screenshot(page, "desktop-api-docs")
