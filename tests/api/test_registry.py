"""The registry read endpoints: what they say, what they never say in full
(phones, ID numbers), and a query count that does not grow with the page."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag, Unit
from tests.api.conftest import bearer


def get(as_user, world, who, path, **params):
    response = as_user(world.users[who], path, **params)
    assert response.status_code == 200, response.content
    return response.json()


def test_buildings_list_their_compound_area_and_counts(as_user, world):
    body = get(as_user, world, "staff", "buildings")
    assert body["count"] == 2
    b5 = next(b for b in body["items"] if b["id"] == world.building5.pk)
    assert b5 == {
        "id": world.building5.pk,
        "number": "5",
        "label": "5栋",
        "compound_id": world.building5.compound_id,
        "compound": "凯旋名邸",
        "community_id": world.community.pk,
        "community": "武南村社区",
        "area": "二片区",
        "household_count": 1,
        "resident_count": 1,
    }


def test_counts_add_up_over_many_households(as_user, world):
    fill(world.building3, 4)
    body = get(as_user, world, "staff", "buildings")
    b3 = next(b for b in body["items"] if b["id"] == world.building3.pk)
    assert (b3["household_count"], b3["resident_count"]) == (5, 9)
    households = get(as_user, world, "staff", "households", building=world.building3.pk)
    assert sorted(h["resident_count"] for h in households["items"]) == [1, 2, 2, 2, 2]


def test_a_building_lists_its_units(as_user, world):
    Unit.objects.create(building=world.building3, number="2")
    body = get(as_user, world, "captain3", f"buildings/{world.building3.pk}")
    assert [u["number"] for u in body["units"]] == ["1", "2"]
    assert body["household_count"] == 1


def test_building_labels_follow_the_callers_language(client, world):
    headers = {**bearer(world.users["staff"]), "Accept-Language": "en"}
    body = client.get(f"/api/buildings/{world.building3.pk}", headers=headers).json()
    assert body["label"] == "Building 3"


def test_households_can_be_narrowed_to_one_building(as_user, world):
    body = get(as_user, world, "staff", "households", building=world.building5.pk)
    assert [h["id"] for h in body["items"]] == [world.household5.pk]
    assert body["items"][0]["address"] == "5栋1单元101"
    assert body["items"][0]["short_address"] == "5-1-101"
    assert body["items"][0]["resident_count"] == 1


def test_narrowing_to_a_building_out_of_scope_finds_nothing(as_user, world):
    body = get(as_user, world, "captain3", "households", building=world.building5.pk)
    assert body["count"] == 0


def test_a_household_lists_its_residents_with_tags_and_masked_phones(as_user, world):
    body = get(as_user, world, "captain5", f"households/{world.household5.pk}")
    [resident] = body["residents"]
    assert resident["name"] == "王秀英"
    assert resident["masked_phone"] == "139****0005"
    assert resident["tags"] == [{"value": "elderly_alone", "label": "独居老人"}]
    assert resident["birth_year"] == 1942


@pytest.mark.parametrize(
    ("query", "found"),
    [("黄", ["黄彬"]), ("hb", ["黄彬"]), ("huang", ["黄彬"]), ("3-1-201", ["黄彬"]),
     ("3栋1单元201", ["黄彬"]), ("0005", ["王秀英"]), ("nobody", [])],
)  # fmt: skip
def test_residents_are_found_by_name_pinyin_room_or_phone_tail(as_user, world, query, found):
    body = get(as_user, world, "staff", "residents", q=query)
    assert [r["name"] for r in body["items"]] == found


def test_residents_without_a_query_are_everyone_in_scope(as_user, world):
    body = get(as_user, world, "staff", "residents")
    assert {r["name"] for r in body["items"]} == {"黄彬", "王秀英"}
    assert body["items"][0]["address"] == "3栋1单元201"


def test_a_search_longer_than_50_characters_is_422(as_user, world):
    response = as_user(world.users["staff"], "residents", q="黄" * 51)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"] == ["query", "q"]


# Personal data.

FULL_PHONES = ["13900000003", "13900000005", "13900000009"]
FULL_ID = "420106198001010015"


def every_endpoint(world):
    return [
        "buildings",
        f"buildings/{world.building3.pk}",
        "households",
        f"households/{world.household3.pk}",
        f"households/{world.other_household.pk}",
        "residents",
        "residents?q=黄彬",
    ]


@pytest.mark.parametrize("who", ["superuser", "staff", "captain3", "resident"])
def test_no_endpoint_ever_gives_a_full_phone_or_id_number(client, world, who):
    headers = bearer(world.users[who])
    for path in every_endpoint(world):
        response = client.get(f"/api/{path}", headers=headers)
        text = json.dumps(response.json(), ensure_ascii=False)
        for secret in [*FULL_PHONES, FULL_ID]:
            assert secret not in text, (who, path)


def masked_id_of_huangbin(as_user, world, who):
    body = get(as_user, world, who, f"households/{world.household3.pk}")
    return body["residents"][0]["masked_id_number"]


@pytest.mark.parametrize("who", ["superuser", "staff", "resident"])
def test_staff_and_the_household_itself_see_the_masked_id_number(as_user, world, who):
    assert masked_id_of_huangbin(as_user, world, who) == "420***********0015"


@pytest.mark.parametrize("who", ["captain3", "area_leader", "property"])
def test_captains_area_leaders_and_property_do_not_see_even_the_masked_id(as_user, world, who):
    # As on the household page: they call residents, they do not check papers.
    assert masked_id_of_huangbin(as_user, world, who) is None


def test_the_search_list_hides_the_masked_id_the_same_way(as_user, world):
    staff = get(as_user, world, "staff", "residents", q="黄彬")["items"][0]
    captain = get(as_user, world, "captain3", "residents", q="黄彬")["items"][0]
    assert staff["masked_id_number"] == "420***********0015"
    assert captain["masked_id_number"] is None


# Query counts.


def fill(building, count):
    """`count` more households in `building`, two residents each, one tagged."""
    unit = Unit.objects.create(building=building, number="8")
    households = Household.objects.bulk_create(
        Household(building=building, unit=unit, room=str(100 + i)) for i in range(count)
    )
    residents = Resident.objects.bulk_create(
        Resident(household=h, name=name, phone=f"1380000{i:04d}")
        for i, h in enumerate(households)
        for name in ("张三", "李四")
    )
    ResidentTag.objects.bulk_create(
        ResidentTag(resident=r, tag=Tag.CHRONIC) for r in residents[::2]
    )


def queries(client, headers, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/{path}", headers=headers)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path", ["buildings?page_size={n}", "households?page_size={n}", "residents?page_size={n}",
             "residents?q=张&page_size={n}"],
)  # fmt: skip
def test_a_list_costs_the_same_queries_for_2_and_for_100_items(client, world, path):
    fill(world.building3, 60)
    fill(world.building5, 60)
    headers = bearer(world.users["staff"])
    queries(client, headers, "buildings")  # the token's first use records itself
    few = queries(client, headers, path.format(n=2))
    assert queries(client, headers, path.format(n=100)) == few


def test_a_household_costs_the_same_queries_for_1_and_for_8_residents(client, world):
    headers = bearer(world.users["staff"])
    queries(client, headers, "buildings")
    one = queries(client, headers, f"households/{world.household5.pk}")
    for i in range(7):
        resident = Resident.objects.create(household=world.household5, name=f"家人{i}")
        ResidentTag.objects.create(resident=resident, tag=Tag.CHILD)
    assert queries(client, headers, f"households/{world.household5.pk}") == one


def test_a_building_costs_a_handful_of_queries(client, world):
    fill(world.building3, 30)
    headers = bearer(world.users["captain3"])
    queries(client, headers, "buildings")
    # token, memberships, their buildings, the building with counts, its units
    assert queries(client, headers, f"buildings/{world.building3.pk}") <= 5
