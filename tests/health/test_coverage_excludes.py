"""Who is expected to check in: not the dead, not those away in hospital, a 方舱
or an isolation point; everyone else, home quarantine included.

Building 3 holds 黄彬's household; each test adds his mother 黄桂英 and his
son 黄小宝, so the building has three residents to count or leave out.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from linli.community.models import Building, Community, Resident
from linli.health.choices import Category, Destination, QuarantineKind, TransferStage
from linli.health.coverage import community_rollup, coverage, expected, expected_to_check_in
from linli.health.models import CheckIn, Quarantine, Transfer
from tests.health.absent_helpers import at, die, transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(world, today):
    mother = Resident.objects.create(household=world.household3, name="黄桂英", phone="13900000033")
    son = Resident.objects.create(household=world.household3, name="黄小宝", birth_year=2013)
    return mother, son


def _building3(world, day):
    return coverage(Building.objects.filter(pk=world.building3.pk), day)[0]


def _missing_page(client, world, who="staff"):
    client.force_login(world.users[who])
    response = client.get(reverse("health:missing", args=[world.building3.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_everyone_of_the_building_is_expected_while_nobody_is_dead_or_away(
    world, family, client, today
):
    assert _building3(world, today).residents == 3
    page = _missing_page(client, world)
    assert "黄桂英" in page and "黄小宝" in page and "黄彬" in page
    assert "在院/隔离点" not in page


def test_a_deceased_resident_is_not_counted_nor_listed_for_a_call(world, family, client, today):
    mother, _son = family
    die(mother, at(today - timedelta(days=1), 20))
    row = _building3(world, today)
    assert (row.residents, row.missing) == (2, 2)
    page = _missing_page(client, world)
    assert "黄桂英" not in page and "13900000033" not in page
    assert "黄小宝" in page and "今天未打卡（2人）" in page
    # Not "in hospital" either: the note is for the living who are away.
    assert "在院/隔离点" not in page


def test_a_death_recorded_later_leaves_the_earlier_days_as_they_were(world, family, today):
    mother, _son = family
    die(mother, at(today, 8))
    assert _building3(world, today).residents == 2
    assert _building3(world, today - timedelta(days=1)).residents == 3


def test_a_deceased_entry_corrected_by_a_later_one_counts_the_resident_again(world, family, today):
    mother, _son = family
    die(mother, at(today, 7))
    die(mother, at(today, 8), category=Category.OBSERVATION)  # entered on the wrong person
    assert _building3(world, today).residents == 3


def test_a_resident_away_in_hospital_is_not_counted_and_the_missing_list_says_so(
    world, family, client, today
):
    mother, _son = family
    transfer(mother, at(today - timedelta(days=3), 10))
    row = _building3(world, today)
    assert (row.residents, row.missing) == (2, 2)
    page = _missing_page(client, world)
    assert "黄桂英" not in page and "另有 1 人在院/隔离点，不计入。" in page


def test_a_captain_learns_only_how_many_are_not_due_not_that_they_are_in_hospital(
    world, family, client, today
):
    mother, _son = family
    transfer(mother, at(today - timedelta(days=3), 10))
    page = _missing_page(client, world, "captain3")
    assert "黄桂英" not in page and "另有 1 人今天不需要打卡，不计入。" in page
    assert "在院/隔离点" not in page


def test_a_transfer_requested_or_arranged_but_not_made_still_counts_the_resident(
    world, family, client, today
):
    mother, son = family
    Transfer.request(mother, by=None)
    Transfer.request(son, by=None).advance(TransferStage.ARRANGED, by=None)
    assert _building3(world, today).residents == 3
    page = _missing_page(client, world)
    assert "黄桂英" in page and "黄小宝" in page and "在院/隔离点" not in page


def test_a_resident_counts_again_from_the_day_they_come_back(world, family, time_machine, today):
    mother, _son = family
    trip = Transfer.request(mother, by=None)
    trip.advance(TransferStage.ARRANGED, by=None)
    trip.advance(TransferStage.TRANSFERRED, by=None, destination=Destination.SHELTER,
                     site="武汉客厅方舱")  # fmt: skip
    assert _building3(world, today).residents == 2
    back = today + timedelta(days=9)
    time_machine.move_to(at(back, 16))
    trip.advance(TransferStage.DISCHARGED, by=None)
    assert _building3(world, back).residents == 3
    assert _building3(world, back - timedelta(days=1)).residents == 2
    assert _building3(world, today - timedelta(days=1)).residents == 3


def test_a_resident_in_home_quarantine_is_expected_and_listed(world, family, client, today):
    mother, _son = family
    Quarantine.begin(mother, QuarantineKind.HOME, by=None)
    assert _building3(world, today).residents == 3
    assert "黄桂英" in _missing_page(client, world)


def test_a_morning_check_in_before_a_transfer_stays_abnormal_but_not_checked(world, family, today):
    # 黄彬 reports a fever at 9:00 and is taken to hospital at 14:00: two
    # residents left to check in, none has; the fever is still the day's.
    CheckIn.record(world.huangbin, temperature=Decimal("38.6"))
    transfer(world.huangbin, at(today, 14))
    row = _building3(world, today)
    assert (row.residents, row.checked, row.abnormal, row.missing) == (2, 0, 1, 2)
    son = family[1]
    CheckIn.record(son)
    assert (_building3(world, today).checked, _building3(world, today).percent) == (1, 50)


def test_the_community_rollup_counts_the_same_residents(world, family, today):
    mother, son = family
    die(mother, at(today, 7))
    transfer(son, at(today, 8))
    CheckIn.record(son)
    CheckIn.record(world.huangbin)
    figures = community_rollup(Community.objects.filter(pk=world.community.pk), today)
    # 黄彬 and 王秀英 (building 5); 黄彬 checked in, 黄小宝's check-in is not counted.
    assert figures[world.community.pk] == {"residents": 2, "checked": 1, "abnormal": 0}


def test_coverage_still_takes_four_queries_with_the_dead_and_the_away(
    world, family, today, django_assert_num_queries
):
    mother, son = family
    die(mother, at(today, 7))
    transfer(son, at(today, 8))
    with django_assert_num_queries(4):
        rows = coverage(Building.objects.filter(compound__community=world.community), today)
    assert sum(r.residents for r in rows) == 2


def test_the_residents_form_and_the_check_ins_form_name_the_same_people(world, family, today):
    # Two SQL forms of one definition (anti-joins for residents, IN sets for
    # check-ins): a dead, a corrected, an away and a returned resident.
    mother, son = family
    wang = world.resident5
    die(mother, at(today, 7))
    die(wang, at(today, 7))
    die(wang, at(today, 8), category=Category.RECOVERED)
    transfer(son, at(today, 8))
    Transfer.objects.filter(resident=son).update(ended_at=at(today + timedelta(days=2), 9))
    for day in (today - timedelta(days=1), today, today + timedelta(days=2)):
        by_anti_join = set(expected_to_check_in(Resident.objects.all(), day))
        by_sets = set(Resident.objects.filter(expected(day, "pk")))
        assert by_anti_join == by_sets
    assert {r.name for r in by_anti_join} == {"黄彬", "王秀英", "黄小宝", "李强"}
