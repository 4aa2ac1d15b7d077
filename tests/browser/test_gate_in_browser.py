"""The gate at phone width: a gatekeeper scans (a scanner types) a pass code,
records out with a temperature, then in; a resident's pass with its QR code;
the staff's gate pages. Screenshots in tests/screenshots/ for a person to look at."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.gate.choices import PlaceKind
from linli.gate.models import DisinfectionLog, ExitPass, GateRefusal, Place, Returnee, Trip
from tests.browser.conftest import assert_readable, screenshot


@pytest.fixture
def todays_pass(world):
    return ExitPass.issue(world.household3, timezone.localdate(), world.users["captain3"])


def test_a_gatekeeper_scans_a_pass_records_out_with_a_temperature_then_in(
    phone_page, live_server, sign_in, world, todays_pass
):
    page = phone_page
    sign_in(page, world.users["gatekeeper"])
    page.goto(f"{live_server.url}/gate/")
    # The scanner types into whatever has focus: the code field must have it.
    expect(page.locator("#lookup_q")).to_be_focused()
    assert_readable(page)
    screenshot(page, "phone-gate-desk")

    page.keyboard.type(todays_pass.code + "\n")  # what a USB or Bluetooth scanner sends
    page.wait_for_selector(".gate-found")
    assert "3栋1单元201" in page.locator(".gate-address").inner_text()
    assert page.locator(".gate-found").get_by_text("黄彬").count() >= 1
    assert_readable(page)
    screenshot(page, "phone-gate-scanned")

    page.fill("#exit_temperature", "36.4")
    page.click("button:has-text('登记出门')")
    page.wait_for_selector(".messages li:has-text('已出门')")
    assert str(Trip.objects.get().out_temperature) == "36.4"
    # Ready for the next scan: the field is empty and has the focus again.
    assert page.input_value("#lookup_q") == ""
    expect(page.locator("#lookup_q")).to_be_focused()
    # With 黄彬 out, the household's one action is to record him back.
    assert page.locator("button:has-text('登记出门')").count() == 0
    assert_readable(page)
    screenshot(page, "phone-gate-out")

    page.locator(".gate-found").get_by_label(re.compile("回来体温")).fill("36.6")
    page.locator(".gate-found").get_by_role("button", name="登记回来").click()
    page.wait_for_selector(".messages li:has-text('已回来')")
    assert Trip.objects.get().in_at is not None
    # The pass is spent: a second scan shows the reason before anyone taps.
    assert "这张出门证已经用过了" in page.locator(".gate-refuse").inner_text()
    assert_readable(page)
    screenshot(page, "phone-gate-back")


def test_a_residents_pass_shows_a_big_qr_code_and_the_code_at_390_px(
    phone_page, live_server, sign_in, world, todays_pass
):
    page = phone_page
    sign_in(page, world.users["resident"])
    page.goto(f"{live_server.url}/")
    page.click("a:has-text('我的出门证')")
    page.click(f"a.pass-link:has-text('{todays_pass.spaced_code}')")
    qr = page.locator(".pass-qr svg.qr")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 250
    code = page.locator(".pass-code")
    assert code.inner_text() == todays_pass.spaced_code
    assert float(code.evaluate("e => getComputedStyle(e).fontSize").rstrip("px")) >= 36
    assert_readable(page)
    screenshot(page, "phone-resident-pass")


def test_staff_gate_pages_at_phone_width(phone_page, live_server, sign_in, world, todays_pass):
    trip, _refusal = todays_pass.go_out(world.huangbin, "36.5", world.users["gatekeeper"])
    Trip.objects.filter(pk=trip.pk).update(out_at=timezone.now() - timedelta(hours=2, minutes=30))
    GateRefusal.objects.create(
        household=world.household5, resident=world.resident5, reason="fever", temperature="37.9"
    )
    Returnee.objects.create(
        household=world.household5, name="王军", origin="孝感",
        arrived_on=timezone.localdate() - timedelta(days=5),
    )  # fmt: skip
    lift = Place.objects.create(
        community=world.community, kind=PlaceKind.LIFT, name="3栋电梯", times_per_day=3
    )
    Place.objects.create(community=world.community, kind=PlaceKind.GATE, name="东门")
    DisinfectionLog.objects.create(place=lift, done_by=world.users["volunteer"], note="84消毒液")
    page = phone_page
    sign_in(page, world.users["staff"])
    for name, path, text in [
        ("desk", "/gate/", "超时未归"),
        ("arrivals", "/gate/arrivals/", "送货与来访"),
        ("passes", f"/gate/households/{world.household3.pk}/passes/", "开出门证"),
        ("returnees", "/gate/returnees/", "还剩9天"),
        ("disinfection", "/gate/disinfection/", "该消杀了"),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert text in page.locator("main").inner_text(), name
        assert_readable(page)
        screenshot(page, f"phone-staff-gate-{name}")
