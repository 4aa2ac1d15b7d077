"""Building, household and resident pages, revealing a phone or ID number, search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.audit.models import Action, AuditEntry
from linli.community.choices import Tag
from linli.community.models import Building, Household, Resident, ResidentTag, Unit

HX = {"HTTP_HX_REQUEST": "true"}


def fill_building(building, count):
    """`count` households over two units, two residents each, one of them tagged."""
    units = [Unit.objects.create(building=building, number=n) for n in ("1", "2")]
    households = Household.objects.bulk_create(
        Household(building=building, unit=units[i % 2], room=str(101 + i)) for i in range(count)
    )
    residents = Resident.objects.bulk_create(
        Resident(household=h, name=name, phone=f"1390000{i:04d}")
        for i, h in enumerate(households)
        for name in ("张三", "李四")
    )
    ResidentTag.objects.bulk_create(
        ResidentTag(resident=r, tag=Tag.ELDERLY_70) for r in residents[::2]
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["staff", "captain_of_both"])
def test_the_building_page_costs_the_same_queries_for_10_and_for_200_households(
    client, world, role
):
    small = Building.objects.create(compound=world.building3.compound, number="10")
    large = Building.objects.create(compound=world.building3.compound, number="11")
    fill_building(small, 10)
    fill_building(large, 200)
    user = world.users["staff"]
    if role == "captain_of_both":
        user = world.users["captain3"]
        user.memberships.get().buildings.add(small, large)
    client.force_login(user)
    few = queries_for(client, reverse("community:building", args=[small.pk]))
    many = queries_for(client, reverse("community:building", args=[large.pk]))
    assert few == many
    assert many <= 12


def test_the_building_page_lists_households_by_unit_with_rooms_in_walking_order(client, world):
    unit2 = Unit.objects.create(building=world.building3, number="2")
    for room in ("1001", "102"):
        Household.objects.create(building=world.building3, unit=unit2, room=room)
    client.force_login(world.users["captain3"])
    page = client.get(reverse("community:building", args=[world.building3.pk])).text
    assert page.index("1单元") < page.index("201") < page.index("2单元")
    assert page.index("102") < page.index("1001")
    assert "黄彬" in page


def test_the_household_page_masks_phones_and_offers_a_captain_the_reveal_button(client, world):
    client.force_login(world.users["captain3"])
    page = client.get(reverse("community:household", args=[world.household3.pk])).text
    assert "139****0003" in page
    assert "13900000003" not in page
    assert reverse("community:reveal", args=[world.huangbin.pk, "phone"]) in page
    # A captain calls residents but has no business with their ID numbers.
    assert "4201" not in page
    assert reverse("community:reveal", args=[world.huangbin.pk, "id_number"]) not in page


def test_the_property_office_sees_a_masked_phone_without_a_reveal_button(client, world):
    client.force_login(world.users["property"])
    page = client.get(reverse("community:household", args=[world.household3.pk])).text
    assert "139****0003" in page
    assert reverse("community:reveal", args=[world.huangbin.pk, "phone"]) not in page


def test_revealing_a_phone_answers_a_tel_link_and_logs_who_looked_from_where(client, world):
    client.force_login(world.users["captain3"])
    url = reverse("community:reveal", args=[world.huangbin.pk, "phone"])
    response = client.post(url, REMOTE_ADDR="10.1.2.3", **HX)
    assert response.status_code == 200
    assert 'href="tel:13900000003"' in response.text
    assert "<html" not in response.text
    entry = AuditEntry.objects.get(action=Action.VIEW_PHONE)
    assert (entry.user, entry.address, entry.resident_id) == (
        world.users["captain3"],
        "10.1.2.3",
        world.huangbin.pk,
    )


def test_revealing_an_id_number_is_logged_as_such(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:reveal", args=[world.huangbin.pk, "id_number"])
    response = client.post(url, **HX)
    assert world.huangbin.id_number in response.text
    assert AuditEntry.objects.filter(action=Action.VIEW_ID, resident_id=world.huangbin.pk).exists()


def test_a_refused_reveal_logs_nothing_and_shows_nothing(client, world):
    client.force_login(world.users["captain3"])
    url = reverse("community:reveal", args=[world.huangbin.pk, "id_number"])
    response = client.post(url, **HX)
    assert response.status_code == 403
    assert world.huangbin.id_number not in response.text
    assert not AuditEntry.objects.filter(action=Action.VIEW_ID).exists()


def test_reveal_takes_only_post_and_only_phone_or_id_number(client, world):
    client.force_login(world.users["staff"])
    assert (
        client.get(reverse("community:reveal", args=[world.huangbin.pk, "phone"])).status_code
        == 405
    )
    url = reverse("community:reveal", args=[world.huangbin.pk, "note"])
    assert client.post(url).status_code == 404


def test_without_htmx_a_reveal_answers_a_whole_page(client, world):
    client.force_login(world.users["staff"])
    response = client.post(reverse("community:reveal", args=[world.huangbin.pk, "phone"]))
    assert "<html" in response.text and "tel:13900000003" in response.text


@pytest.mark.parametrize(
    "query",
    ["hb", "huangbin", "HB", "黄", "3-1-201", "3栋1单元201", "凯旋名邸3栋1单元201室", "０００３"],
)
def test_search_finds_huangbin_the_way_a_captain_types(client, world, query):
    client.force_login(world.users["captain3"])
    response = client.get(reverse("community:search"), {"q": query})
    assert [r.name for r in response.context["results"]] == ["黄彬"]


def test_search_results_show_address_masked_phone_tags_and_link_to_the_household(client, world):
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    client.force_login(world.users["staff"])
    page = client.get(reverse("community:search"), {"q": "hb"}, **HX).text
    assert "<html" not in page
    for text in ("黄彬", "凯旋名邸 3栋1单元201", "139****0003", "慢性病"):
        assert text in page
    assert reverse("community:household", args=[world.household3.pk]) in page
    assert "13900000003" not in page


def test_search_without_htmx_is_a_whole_page_with_the_box_still_filled(client, world):
    client.force_login(world.users["staff"])
    page = client.get(reverse("community:search"), {"q": "hb"}).text
    assert "<html" in page and 'value="hb"' in page and "黄彬" in page


def test_a_search_that_finds_nobody_says_so_and_suggests_what_to_type(client, world):
    client.force_login(world.users["staff"])
    page = client.get(reverse("community:search"), {"q": "zzz"}, **HX).text
    assert "没有找到“zzz”" in page


def test_the_resident_page_links_staff_to_the_log_and_captains_not(client, world):
    url = reverse("community:resident", args=[world.huangbin.pk])
    log = reverse("audit:resident_log", args=[world.huangbin.pk])
    client.force_login(world.users["staff"])
    assert log in client.get(url).text
    client.force_login(world.users["captain3"])
    assert log not in client.get(url).text
