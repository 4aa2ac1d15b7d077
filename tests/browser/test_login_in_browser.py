"""The phone login in a real browser at phone width: big enough to read and to tap."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

# Every control in the sign-in column, and the smallest size and type it renders at.
MEASURE = """() => [...document.querySelectorAll(
    '.acc input:not([type=hidden]), .acc button, .acc a')]
  .map(e => ({h: e.getBoundingClientRect().height,
              font: parseFloat(getComputedStyle(e).fontSize)}))"""


def smallest(page):
    controls = page.evaluate(MEASURE)
    assert controls
    return min(c["h"] for c in controls), min(c["font"] for c in controls)


def test_a_resident_logs_in_by_phone_with_big_controls_at_phone_width(
    phone_page, live_server, world, sms_outbox
):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/?next=/accounts/phone/")
    assert smallest(page) >= (44, 16)

    page.click("text=居民、楼栋长：用手机验证码登录")
    assert smallest(page) >= (44, 16)
    page.fill("input[name=phone]", "139 0000 0003")
    page.click("button:has-text('获取验证码')")

    page.wait_for_selector("input[autocomplete=one-time-code]")
    height, font = smallest(page)
    assert height >= 44 and font >= 16
    code_box = page.locator("input[name=code]")
    assert code_box.bounding_box()["height"] >= 52
    assert float(code_box.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 28
    code_box.fill(sms_outbox[0].code)
    page.click("button:has-text('登录')")

    # Only a successful login redirects; a refused code stays on the code page.
    page.wait_for_url(f"{live_server.url}/accounts/phone/")
