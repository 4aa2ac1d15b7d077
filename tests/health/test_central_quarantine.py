"""A resident in a centralised quarantine (集中隔离) is away at the isolation
point on the day and not expected to check in; home quarantine still is. And
the sets of the dead and away that the check-in counts leave out are those of
the buildings or communities being counted, not the city's."""

from datetime import timedelta

import pytest
from django.db.models import Count
from django.urls import reverse

from linli.community.models import Building, Community, Resident
from linli.health.choices import Absence, QuarantineKind
from linli.health.coverage import (
    community_rollup,
    coverage,
    expected,
    expected_to_check_in,
    not_expected,
    not_expected_among,
)
from linli.health.models import CheckIn
from tests.health.absent_helpers import at, die, isolate, transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def mother(world, today):
    return Resident.objects.create(household=world.household3, name="黄桂英", phone="13900000033")


def _residents3(world, day):
    return coverage(Building.objects.filter(pk=world.building3.pk), day)[0].residents


def _missing_page(client, world, who="staff"):
    client.force_login(world.users[who])
    return client.get(reverse("health:missing", args=[world.building3.pk])).content.decode()


def test_a_resident_in_centralised_quarantine_is_not_expected_and_the_missing_list_says_so(
    world, mother, client, today
):
    assert _residents3(world, today) == 2
    isolate(mother, today)
    assert _residents3(world, today) == 1
    page = _missing_page(client, world)
    assert "黄桂英" not in page and "另有 1 人在院/隔离点，不计入。" in page


def test_a_resident_in_home_quarantine_stays_expected_and_is_not_counted_away(
    world, mother, client, today
):
    isolate(mother, today, kind=QuarantineKind.HOME)
    assert _residents3(world, today) == 2
    assert not_expected(Resident.objects.all(), today) == {}
    page = _missing_page(client, world)
    assert "黄桂英" in page and "在院/隔离点" not in page


def test_a_centralised_quarantine_counts_from_its_start_day_to_its_release(
    world, mother, today, time_machine
):
    quarantine = isolate(mother, today + timedelta(days=1))
    assert _residents3(world, today) == 2  # not there yet
    assert _residents3(world, today + timedelta(days=1)) == 1
    back = today + timedelta(days=14)
    time_machine.move_to(at(back, 10))
    quarantine.release(by=None)
    # Home by the end of the day of release: expected that day, not the day before.
    assert _residents3(world, back) == 2
    assert _residents3(world, back - timedelta(days=1)) == 1


def test_someone_both_transferred_and_in_centralised_quarantine_is_away_once(
    world, mother, client, today
):
    isolate(mother, today)
    transfer(mother, at(today, 8))
    assert _residents3(world, today) == 1
    assert "另有 1 人在院/隔离点，不计入。" in _missing_page(client, world)
    assert not_expected(Resident.objects.all(), today) == {mother.pk: Absence.AWAY}


def test_the_dead_are_dead_even_when_a_quarantine_was_left_open(world, mother, today):
    isolate(mother, today)
    die(mother, at(today, 7))
    assert not_expected(Resident.objects.all(), today) == {mother.pk: Absence.DECEASED}


def test_a_centralised_quarantine_drops_the_check_in_from_checked_in_every_count(
    world, mother, today
):
    CheckIn.record(mother)  # an early reading before being taken to the hotel
    CheckIn.record(world.huangbin)
    isolate(mother, today)
    row = coverage(Building.objects.filter(pk=world.building3.pk), today)[0]
    assert (row.residents, row.checked) == (1, 1)
    rollup = community_rollup(Community.objects.filter(pk=world.community.pk), today)
    assert rollup[world.community.pk]["checked"] == 1


def test_both_forms_of_the_rule_name_the_same_people_with_a_centralised_quarantine(
    world, mother, today
):
    isolate(mother, today)
    isolate(world.resident5, today, kind=QuarantineKind.HOME)
    for day in (today - timedelta(days=1), today):
        by_anti_join = set(expected_to_check_in(Resident.objects.all(), day))
        assert by_anti_join == set(Resident.objects.filter(expected(day, "pk")))
    assert mother not in by_anti_join and world.resident5 in by_anti_join


def test_the_check_in_apis_quick_form_names_the_same_people_as_the_full_rule(world, mother, today):
    son = Resident.objects.create(household=world.household3, name="黄小宝")
    widow = Resident.objects.create(household=world.household5, name="刘桂兰")
    isolate(mother, today)
    isolate(world.resident5, today, kind=QuarantineKind.HOME)  # at home: expected
    transfer(son, at(today, 8))
    die(widow, at(today, 1))
    ids = Resident.objects.values_list("pk", flat=True)
    for day in (today - timedelta(days=1), today):
        quick = not_expected_among(ids, day)
        assert quick == not_expected(Resident.objects.all(), day)
    assert set(quick) == {mother.pk, son.pk, widow.pk}
    assert not_expected_among([world.huangbin.pk], today) == {}


def _checked(day, within):
    return CheckIn.objects.filter(date=day).aggregate(
        n=Count("pk", filter=expected(day, "resident", within=within))
    )["n"]


def test_the_sets_left_out_are_those_of_the_buildings_counted(world, mother, today):
    CheckIn.record(mother)
    transfer(mother, at(today, 8))
    # Kept to building 3, her transfer is in the set and her check-in is left out;
    # kept to building 5, the set is empty of her (so it was not the city's).
    assert _checked(today, {"household__building": world.building3}) == 0
    assert _checked(today, {"household__building": world.building5}) == 1
    assert _checked(today, None) == 0


def test_coverage_keeps_its_four_queries_with_a_centralised_quarantine(
    world, mother, today, django_assert_num_queries
):
    isolate(mother, today)
    transfer(world.huangbin, at(today, 8))
    with django_assert_num_queries(4) as captured:
        rows = coverage(Building.objects.filter(compound__community=world.community), today)
    assert sum(r.residents for r in rows) == 1
    checkins_sql = captured.captured_queries[2]["sql"]
    # The three sets inside the check-ins query (transfers, centralised
    # quarantines, the dead) are each kept to the buildings counted, as the
    # check-ins themselves are: four building filters.
    assert checkins_sql.count('"building_id" IN (SELECT') == 4
