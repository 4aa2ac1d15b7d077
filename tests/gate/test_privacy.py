"""Who sees which gate page: both sides of every line."""

import pytest
from django.urls import reverse

from linli.gate.models import DisinfectionLog, ExitPass, Place, Returnee
from tests.gate.conftest import at

pytestmark = pytest.mark.django_db


def status(client, user, url, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize("who", ["gatekeeper", "staff", "property", "superuser"])
def test_gate_roles_open_the_gatekeeper_screen(client, world, who):
    assert status(client, world.users[who], reverse("gate:desk")) == 200


@pytest.mark.parametrize(
    "who", ["captain3", "area_leader", "resident", "doctor", "volunteer", "viewer", "nobody"]
)
def test_everyone_else_gets_404_on_the_gatekeeper_screen(client, world, who):
    assert status(client, world.users[who], reverse("gate:desk")) == 404


def test_a_gatekeeper_sees_passes_of_their_community_and_not_another(client, world, feb20):
    guard = world.users["gatekeeper"]
    ours = ExitPass.issue(world.household3, at(2, 20).date(), None)
    theirs = ExitPass.issue(world.other_household, at(2, 20).date(), None)
    assert status(client, guard, reverse("gate:pass", args=[ours.pk])) == 200
    assert status(client, guard, reverse("gate:pass", args=[theirs.pk])) == 404
    page = client.get(reverse("gate:desk"), {"q": theirs.code}).content.decode()
    assert "没有这张出门证" in page and "宝通花园" not in page
    out = reverse("gate:out", args=[theirs.pk])
    assert status(client, guard, out, "post", {"temperature": "36.5"}) == 404


def test_a_gatekeeper_sees_no_registry_returnees_or_household_pages(client, world):
    guard = world.users["gatekeeper"]
    assert status(client, guard, reverse("community:household", args=[world.household3.pk])) == 404
    assert status(client, guard, reverse("community:resident", args=[world.huangbin.pk])) == 404
    assert status(client, guard, reverse("gate:returnees")) == 404
    assert (
        status(client, guard, reverse("gate:household_passes", args=[world.household3.pk])) == 404
    )


def test_a_resident_sees_their_own_households_passes_and_not_a_neighbours(client, world, feb20):
    mine = ExitPass.issue(world.household3, at(2, 20).date(), None)
    neighbour = ExitPass.issue(world.household5, at(2, 20).date(), None)
    resident = world.users["resident"]
    assert status(client, resident, reverse("gate:pass", args=[mine.pk])) == 200
    assert status(client, resident, reverse("gate:pass", args=[neighbour.pk])) == 404
    url = reverse("gate:household_passes", args=[world.household5.pk])
    assert status(client, resident, url) == 404
    assert client.get(reverse("gate:passes")).url == reverse(
        "gate:household_passes", args=[world.household3.pk]
    )


def test_a_captain_sees_and_issues_passes_in_their_building_only(client, world, feb20):
    captain = world.users["captain3"]
    in_3 = reverse("gate:household_passes", args=[world.household3.pk])
    in_5 = reverse("gate:household_passes", args=[world.household5.pk])
    assert status(client, captain, in_3, "post", {"valid_on": "2020-02-20"}) == 302
    assert ExitPass.objects.get().issued_by == captain
    assert status(client, captain, in_5, "post", {"valid_on": "2020-02-20"}) == 404
    assert not ExitPass.objects.filter(household=world.household5).exists()
    theirs = ExitPass.issue(world.household5, at(2, 20).date(), None)
    assert status(client, captain, reverse("gate:pass", args=[theirs.pk])) == 404


def test_a_captain_finds_a_household_by_room_within_their_building_only(client, world, feb20):
    client.force_login(world.users["captain3"])
    response = client.get(reverse("gate:passes"), {"q": "3-1-201"})
    assert response.url == reverse("gate:household_passes", args=[world.household3.pk])
    page = client.get(reverse("gate:passes"), {"q": "5-1-101"}).content.decode()
    assert "没有找到这个房号" in page


def test_a_resident_requests_a_pass_and_is_told_when_the_rules_refuse(client, world, feb20):
    client.force_login(world.users["resident"])
    url = reverse("gate:household_passes", args=[world.household3.pk])
    client.post(url, {"valid_on": "2020-02-20", "resident": world.huangbin.pk})
    assert ExitPass.objects.get().requested
    page = client.post(url, {"valid_on": "2020-02-21"}).content.decode()
    assert "3天内只能外出一次，下次可外出时间：2月23日" in page
    assert 'value="2020-02-21"' in page and ExitPass.objects.count() == 1


def test_a_past_date_is_refused_with_a_chinese_message(client, world, feb20):
    client.force_login(world.users["staff"])
    url = reverse("gate:household_passes", args=[world.household3.pk])
    page = client.post(url, {"valid_on": "2020-02-19"}).content.decode()
    assert "不能开过去日期的出门证" in page and not ExitPass.objects.exists()


def test_staff_of_another_community_do_not_see_our_passes(client, world, feb20):
    ours = ExitPass.issue(world.household3, at(2, 20).date(), None)
    assert status(client, world.users["other_staff"], reverse("gate:pass", args=[ours.pk])) == 404


def test_the_pass_page_shows_no_gate_temperatures_to_anyone(client, world, todays_pass):
    from decimal import Decimal

    todays_pass.go_out(world.huangbin, Decimal("36.8"), None)
    client.force_login(world.users["resident"])
    page = client.get(reverse("gate:pass", args=[todays_pass.pk])).content.decode()
    assert "<svg" in page and todays_pass.spaced_code in page and "36.8" not in page


@pytest.mark.parametrize("who", ["staff", "doctor"])
def test_staff_and_doctors_see_returnees(client, world, who, feb20):
    Returnee.objects.create(
        household=world.household5, name="王军", origin="孝感", arrived_on=at(2, 10).date()
    )
    client.force_login(world.users[who])
    page = client.get(reverse("gate:returnees")).content.decode()
    assert "王军" in page and "还剩4天" in page


@pytest.mark.parametrize(
    "who", ["captain3", "area_leader", "resident", "gatekeeper", "property", "volunteer"]
)
def test_returnees_are_hidden_from_everyone_else(client, world, who):
    assert status(client, world.users[who], reverse("gate:returnees")) == 404


def test_staff_register_a_returnee_by_room_and_a_bad_room_keeps_the_form(client, world, feb20):
    client.force_login(world.users["staff"])
    data = {"name": "王军", "household": "5-1-101", "origin": "孝感", "arrived_on": "2020-02-18"}
    client.post(reverse("gate:returnees"), data)
    assert Returnee.objects.get().observation_ends == at(3, 3).date()
    page = client.post(reverse("gate:returnees"), {**data, "household": "1-101"})
    assert "没有找到这个房号" in page.content.decode() and Returnee.objects.count() == 1


@pytest.mark.parametrize("who", ["staff", "property", "volunteer"])
def test_staff_property_and_volunteers_log_disinfection(client, world, lift, who):
    client.force_login(world.users[who])
    assert "3栋1单元电梯" in client.get(reverse("gate:disinfection")).content.decode()
    client.post(reverse("gate:disinfect", args=[lift.pk]), {"note": "84消毒液"})
    log = DisinfectionLog.objects.get()
    assert log.done_by == world.users[who] and log.note == "84消毒液"


@pytest.mark.parametrize("who", ["captain3", "resident", "gatekeeper", "doctor", "nobody"])
def test_others_do_not_log_disinfection(client, world, lift, who):
    assert status(client, world.users[who], reverse("gate:disinfection")) == 404
    assert (
        status(client, world.users[who], reverse("gate:disinfect", args=[lift.pk]), "post") == 404
    )


def test_a_volunteer_cannot_log_a_place_of_another_community(client, world):
    elsewhere = Place.objects.create(community=world.other_community, kind="gate", name="南门")
    url = reverse("gate:disinfect", args=[elsewhere.pk])
    assert status(client, world.users["volunteer"], url, "post") == 404


def test_the_pass_form_starts_on_today_in_the_date_pickers_format(client, world, feb20):
    client.force_login(world.users["captain3"])
    page = client.get(reverse("gate:household_passes", args=[world.household3.pk]))
    assert 'value="2020-02-20"' in page.content.decode()
