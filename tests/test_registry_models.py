import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from linli.accounts.choices import Role
from linli.accounts.models import Membership
from linli.community.choices import Tag
from linli.community.models import Building, Household, Resident, ResidentTag


def test_a_room_exists_once_per_building_and_unit(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(building=world.building3, unit=world.household3.unit, room="201")


def test_a_room_exists_once_in_a_building_without_units(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(building=world.other_building, room="101")


def test_the_same_room_number_may_exist_in_another_unit(world):
    Household.objects.create(building=world.building3, room="201")
    assert Household.objects.filter(building=world.building3, room="201").count() == 2


def test_resident_clean_normalises_the_phone_and_refuses_a_bad_id_number(world):
    resident = Resident(household=world.household3, name="黄小彬", phone="＋86 139 0000 0011")
    resident.id_number = "420106198001010016"
    with pytest.raises(ValidationError) as caught:
        resident.clean()
    assert resident.phone == "13900000011"
    assert "id_number" in caught.value.message_dict


def test_buildings_sort_by_number_so_2_comes_before_10(world):
    Building.objects.create(compound=world.building3.compound, number="10")
    Building.objects.create(compound=world.building3.compound, number="2")
    numbers = list(
        Building.objects.filter(compound=world.building3.compound).values_list("number", flat=True)
    )
    assert numbers == ["2", "3", "5", "10"]


def test_search_finds_huangbin_by_initials_pinyin_room_and_phone_tail(world):
    for query in ("黄彬", "hb", "huangbin", "HuangBin", "201", "3-1-201", "0003"):
        assert world.huangbin in Resident.objects.search(query), query


def test_search_does_not_match_on_a_too_short_phone_tail(world):
    assert world.huangbin not in Resident.objects.search("003")


def test_vulnerable_residents_are_those_with_any_tag(world):
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    assert set(Resident.objects.vulnerable()) == {world.huangbin, world.resident5}
    assert list(Resident.objects.tagged(Tag.ELDERLY_ALONE)) == [world.resident5]


def test_a_membership_without_its_scope_is_invalid(world):
    captain = world.users["captain3"]
    with pytest.raises(ValidationError):
        Membership(user=captain, role=Role.AREA_LEADER, community=world.community).clean()
    with pytest.raises(ValidationError):
        Membership(user=captain, role=Role.STAFF).clean()
    Membership(
        user=captain, role=Role.AREA_LEADER, community=world.community, area=world.area
    ).clean()
