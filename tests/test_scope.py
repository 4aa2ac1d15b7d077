from linli.accounts.scope import Scope
from linli.community.models import Building, Community, Household, Resident


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_captain_sees_only_the_households_of_their_buildings(world):
    scope = Scope(world.users["captain3"])
    assert ids(scope.filter(Household)) == {world.household3.pk}
    assert ids(scope.filter(Building)) == {world.building3.pk}


def test_staff_see_their_whole_community_and_nothing_of_another(world):
    scope = Scope(world.users["staff"])
    assert ids(scope.filter(Household)) == {world.household3.pk, world.household5.pk}
    assert world.other_household.pk not in ids(scope.filter(Household))


def test_area_leader_sees_the_buildings_of_their_area(world):
    assert ids(Scope(world.users["area_leader"]).filter(Building)) == {world.building3.pk}


def test_resident_sees_their_own_household_and_no_building(world):
    scope = Scope(world.users["resident"])
    assert ids(scope.filter(Household)) == {world.household3.pk}
    assert ids(scope.filter(Resident)) == {world.huangbin.pk}
    assert ids(scope.filter(Building)) == set()


def test_professionals_volunteers_and_suppliers_see_no_household_yet(world):
    for name in ("social_worker", "psychologist", "doctor", "volunteer", "supplier", "viewer"):
        assert ids(Scope(world.users[name]).filter(Household)) == set(), name


def test_street_viewer_sees_the_communities_of_their_street(world):
    scope = Scope(world.users["viewer"])
    assert ids(scope.filter(Community)) == {world.community.pk, world.other_community.pk}


def test_only_staff_and_the_household_itself_may_see_an_id_number(world):
    assert Scope(world.users["staff"]).can_see_id_number(world.huangbin)
    assert Scope(world.users["resident"]).can_see_id_number(world.huangbin)
    assert not Scope(world.users["captain3"]).can_see_id_number(world.huangbin)
    assert not Scope(world.users["other_staff"]).can_see_id_number(world.huangbin)


def test_a_captain_may_see_phones_in_their_buildings_only(world):
    assert Scope(world.users["captain3"]).can_see_phone(world.huangbin)
    assert not Scope(world.users["captain5"]).can_see_phone(world.huangbin)
    assert not Scope(world.users["volunteer"]).can_see_phone(world.huangbin)
