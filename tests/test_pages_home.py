"""Each role's start page shows what that role works with, and nothing more."""

import pytest
from django.urls import reverse

from linli.accounts.choices import Role
from linli.accounts.models import Membership
from linli.accounts.scope import Scope
from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag
from linli.front.views import home_kind

HX = {"HTTP_HX_REQUEST": "true"}
NAMES = ("黄彬", "王秀英", "李强")


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("front:home"))
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize(
    "role, kind",
    [
        ("superuser", "overview"),
        ("staff", "overview"),
        ("property", "overview"),
        ("area_leader", "area"),
        ("captain3", "captain"),
        ("resident", "resident"),
        ("viewer", "rollup"),
        ("doctor", "waiting"),
        ("supplier", "waiting"),
        ("volunteer", "waiting"),  # the role alone; the board needs a volunteer profile
        ("nobody", "unassigned"),
    ],
)
def test_each_role_starts_on_its_own_page(world, role, kind):
    assert home_kind(Scope(world.users[role])) == kind


def test_a_registered_volunteer_starts_on_the_task_board_even_when_also_a_resident(client, world):
    from linli.cases.models import Volunteer

    resident = world.users["resident"]
    Membership.objects.create(user=resident, role=Role.VOLUNTEER, community=world.community)
    Volunteer.objects.create(user=resident, name="黄彬", community=world.community)
    assert home_kind(Scope(resident)) == "board"
    client.force_login(resident)
    assert client.get(reverse("front:home"))["Location"] == reverse("cases:board")


def test_a_captain_who_is_also_staff_starts_on_the_community_overview(world):
    captain = world.users["captain3"]
    Membership.objects.create(user=captain, role=Role.STAFF, community=world.community)
    assert home_kind(Scope(captain)) == "overview"


def test_staff_home_counts_each_building_and_lists_the_vulnerable(client, world):
    page = home(client, world.users["staff"])
    assert "凯旋名邸 3栋" in page and "凯旋名邸 5栋" in page
    assert "王秀英" in page and "独居老人" in page  # the one tagged resident
    assert "黄彬" not in page  # untagged, so not on the vulnerable list
    assert "李强" not in page and "宝通花园" not in page


def test_staff_cannot_pick_another_community_on_the_overview(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:overview")
    response = client.get(url, {"community": world.other_community.pk})
    assert response.context["community"] == world.community
    assert "宝通花园" not in response.text
    client.force_login(world.users["other_staff"])
    response = client.get(url, {"community": world.other_community.pk})
    assert response.context["community"] == world.other_community
    assert "宝通花园" in response.text


def test_the_vulnerable_list_filters_by_tag_and_htmx_gets_only_the_list(client, world):
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    client.force_login(world.users["staff"])
    response = client.get(reverse("community:overview"), {"tag": Tag.CHRONIC}, **HX)
    assert "<html" not in response.text
    assert [r.name for r in response.context["page"]] == ["黄彬"]


def test_the_vulnerable_list_is_paginated(client, world):
    residents = Resident.objects.bulk_create(
        Resident(household=world.household5, name=f"居民{i}") for i in range(60)
    )
    ResidentTag.objects.bulk_create(ResidentTag(resident=r, tag=Tag.ELDERLY_70) for r in residents)
    client.force_login(world.users["staff"])
    first = client.get(reverse("community:overview")).context["page"]
    second = client.get(reverse("community:overview"), {"page": 2}).context["page"]
    assert (len(first), len(second), first.paginator.count) == (50, 11, 61)


def test_a_captain_sees_their_buildings_households_and_residents_only(client, world):
    page = home(client, world.users["captain3"])
    assert "凯旋名邸 3栋" in page and "201" in page and "黄彬" in page
    assert "王秀英" not in page and "李强" not in page
    assert 'id="search-q"' in page


def test_an_area_leader_sees_the_buildings_of_their_area(client, world):
    page = home(client, world.users["area_leader"])
    assert "凯旋名邸 3栋" in page and "凯旋名邸 5栋" not in page
    assert 'id="search-q"' in page


def test_a_resident_sees_their_household_and_how_to_call_their_captain(client, world):
    page = home(client, world.users["resident"])
    assert "凯旋名邸 3栋1单元201" in page and "黄彬" in page
    assert 'href="tel:13700000003"' in page  # captain3
    assert "13700000005" not in page and "王秀英" not in page
    assert 'id="search-q"' not in page


@pytest.mark.parametrize(
    "role", ["social_worker", "psychologist", "doctor", "volunteer", "supplier"]
)
def test_professionals_volunteers_and_suppliers_get_a_page_without_registry_data(
    client, world, role
):
    page = home(client, world.users[role])
    assert "工作清单" in page
    assert not any(name in page for name in NAMES)
    assert "凯旋名邸" not in page


def test_a_street_viewer_sees_counts_per_community_and_no_names(client, world):
    Household.objects.create(building=world.other_building, room="102")
    client.force_login(world.users["viewer"])
    response = client.get(reverse("front:home"))
    counts = {c.name: n for c, n in response.context["rows"]}
    assert counts["武南村社区"] == {
        "buildings": 2,
        "households": 2,
        "residents": 2,
        "vulnerable": 1,
    }
    assert counts["宝通寺社区"] == {
        "buildings": 1,
        "households": 2,
        "residents": 1,
        "vulnerable": 0,
    }
    assert response.context["totals"]["households"] == 4
    assert not any(name in response.text for name in NAMES)


def test_someone_without_a_role_is_told_to_ask_the_community(client, world):
    assert "还没有分配角色" in home(client, world.users["nobody"])


def test_the_header_offers_the_language_switch_and_sign_out(client, world):
    page = home(client, world.users["staff"])
    assert reverse("accounts:language") in page
    assert reverse("accounts:logout") in page


def test_pages_follow_the_users_language(client, world):
    user = world.users["captain3"]
    user.language = "en"
    user.save()
    client.force_login(user)
    response = client.get(reverse("front:home"))
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.text
