"""The gatekeeper's screen: scan or type, out with a temperature, back in, refusals,
overdue returns, deliveries and visitors."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.community.models import Household, Resident
from linli.gate.models import Arrival, ExitPass, GateRefusal, Trip
from tests.gate.conftest import at

pytestmark = pytest.mark.django_db
DESK = reverse("gate:desk")


@pytest.fixture
def guard(client, world):
    client.force_login(world.users["gatekeeper"])
    return client


def test_a_scanned_code_shows_the_household_and_its_members_without_health_data(
    guard, world, todays_pass
):
    page = guard.get(DESK, {"q": todays_pass.code}).content.decode()
    assert "3栋1单元201" in page and "黄彬" in page and todays_pass.spaced_code in page
    assert "登记出门" in page
    assert world.huangbin.phone not in page and world.huangbin.id_number not in page


def test_a_code_typed_in_lower_case_with_a_space_finds_the_same_pass(guard, todays_pass):
    typed = f"{todays_pass.code[:4].lower()} {todays_pass.code[4:].lower()}"
    assert "3栋1单元201" in guard.get(DESK, {"q": typed}).content.decode()


def test_a_room_finds_the_household_and_todays_pass(guard, todays_pass):
    page = guard.get(DESK, {"q": "3-1-201"}).content.decode()
    assert todays_pass.spaced_code in page


def test_a_room_without_a_pass_today_says_so(guard, world, feb20):
    page = guard.get(DESK, {"q": "5-1-101"}).content.decode()
    assert "今天没有出门证" in page and "登记出门" not in page


def test_an_unknown_code_gets_a_chinese_message_and_keeps_what_was_typed(guard, feb20):
    page = guard.get(DESK, {"q": "ZZZZ9999"}).content.decode()
    assert "没有这张出门证" in page and 'value="ZZZZ9999"' in page
    page = guard.get(DESK, {"q": "hello"}).content.decode()
    assert "没认出来" in page and 'value="hello"' in page


def test_the_gatekeeper_records_out_with_a_temperature_then_in(guard, world, todays_pass):
    response = guard.post(
        reverse("gate:out", args=[todays_pass.pk]),
        {"resident": world.huangbin.pk, "temperature": "36.4"},
        follow=True,
    )
    trip = Trip.objects.get()
    assert trip.out_temperature == Decimal("36.4") and trip.resident == world.huangbin
    assert "黄彬 已出门" in response.content.decode() and "11:00前回来" in response.content.decode()
    guard.post(reverse("gate:in", args=[trip.pk]), {"temperature": "36.6"})
    trip.refresh_from_db()
    assert trip.in_at is not None and trip.in_temperature == Decimal("36.6")


def test_a_bad_temperature_is_refused_in_chinese_and_nothing_is_recorded(guard, world, todays_pass):
    response = guard.post(
        reverse("gate:out", args=[todays_pass.pk]),
        {"resident": world.huangbin.pk, "temperature": "3.65"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "体温太低了" in page and 'value="3.65"' in page
    assert not Trip.objects.exists() and not GateRefusal.objects.exists()


def test_fever_at_the_gate_is_refused_and_shows_on_the_staff_screen_until_handled(
    client, guard, world, todays_pass
):
    response = guard.post(
        reverse("gate:out", args=[todays_pass.pk]),
        {"resident": world.huangbin.pk, "temperature": "38.1"},
        follow=True,
    )
    assert "体温38.1°C" in response.content.decode() and not Trip.objects.exists()
    refusal = GateRefusal.objects.get()
    assert guard.post(reverse("gate:handle_refusal", args=[refusal.pk])).status_code == 404
    client.force_login(world.users["staff"])
    assert "发热劝返，待社区处理" in client.get(DESK).content.decode()
    client.post(reverse("gate:handle_refusal", args=[refusal.pk]))
    assert "发热劝返，待社区处理" not in client.get(DESK).content.decode()
    assert GateRefusal.objects.get().handled_by == world.users["staff"]


def test_a_pass_for_another_day_is_refused_with_the_reason(guard, world, feb20):
    later = ExitPass.issue(world.household3, at(2, 22).date(), None)
    page = guard.get(DESK, {"q": later.code}).content.decode()
    assert "不是今天的出门证，可外出日期：2月22日" in page
    guard.post(
        reverse("gate:out", args=[later.pk]), {"resident": world.huangbin.pk, "temperature": "36.5"}
    )
    assert GateRefusal.objects.get().reason == "not_the_day"


def test_someone_out_longer_than_2_hours_is_marked_overdue_on_the_screen(
    guard, world, todays_pass, feb20
):
    todays_pass.go_out(world.huangbin, Decimal("36.5"), None)
    assert "超时未归" not in guard.get(DESK).content.decode()
    feb20.move_to(at(2, 20, 11, 5), tick=False)
    page = guard.get(DESK).content.decode()
    assert "1人超时" in page and "超时未归</b>" in page


def test_deliveries_and_visitors_are_logged_with_the_household(guard, world, feb20):
    response = guard.post(
        reverse("gate:arrivals"),
        {"kind": "delivery", "who": "武南生鲜超市", "what": "蔬菜包 12份", "household": "3-1-201"},
        follow=True,
    )
    arrival = Arrival.objects.get()
    assert arrival.household == world.household3 and arrival.community == world.community
    assert "蔬菜包 12份" in response.content.decode()


def test_a_delivery_for_a_room_that_does_not_exist_keeps_what_was_typed(guard, feb20):
    response = guard.post(
        reverse("gate:arrivals"),
        {"kind": "visitor", "who": "李医生", "what": "上门", "household": "3-9-999"},
    )
    page = response.content.decode()
    assert "没有找到这个房号" in page and 'value="李医生"' in page
    assert not Arrival.objects.exists()


def test_the_gate_screen_costs_the_same_queries_with_one_or_many_people_out(guard, world, feb20):
    def out_one(n):
        household = Household.objects.create(building=world.building3, room=f"9{n:02d}")
        member = Resident.objects.create(household=household, name=f"住户{n}")
        ExitPass.issue(household, at(2, 20).date(), None).go_out(member, Decimal("36.5"), None)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert guard.get(DESK).status_code == 200
        return len(captured)

    out_one(0)
    one = queries()
    for n in range(1, 8):
        out_one(n)
    assert queries() == one


def test_with_a_member_out_the_scan_offers_only_recording_them_back(guard, world, todays_pass):
    todays_pass.go_out(world.huangbin, Decimal("36.5"), None)
    page = guard.get(DESK, {"q": todays_pass.code}).content.decode()
    assert "登记回来" in page and "登记出门" not in page
    assert 'value=""' in page  # the scan field is empty for the next code
