"""Passes, trips, refusals and returnees over time (time_machine moves the clock)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from linli.community.models import Resident
from linli.gate.models import (
    DisinfectionLog,
    ExitPass,
    GateRefusal,
    GateRules,
    Place,
    Refused,
    Returnee,
    Trip,
)
from linli.gate.reasons import explain
from linli.gate.rules import Reason
from tests.gate.conftest import at

pytestmark = pytest.mark.django_db


def issue(world, month, day, **kwargs):
    return ExitPass.issue(
        world.household3, at(month, day).date(), world.users["captain3"], **kwargs
    )


def test_a_household_goes_out_once_every_3_days_and_is_told_the_next_day(world, feb20):
    issue(world, 2, 20)
    with pytest.raises(Refused) as refused:
        issue(world, 2, 22)
    assert explain(refused.value.refusal) == "3天内只能外出一次，下次可外出时间：2月23日"
    assert issue(world, 2, 23).valid_on == at(2, 23).date()
    assert ExitPass.objects.filter(household=world.household3).count() == 2


def test_a_community_can_allow_a_pass_every_day(world, feb20):
    GateRules.objects.create(community=world.community, days_between=1)
    issue(world, 2, 20)
    assert issue(world, 2, 21)


def test_other_households_are_not_held_back_by_a_neighbours_pass(world, feb20):
    issue(world, 2, 20)
    other = ExitPass.issue(world.household5, at(2, 20).date(), world.users["captain5"])
    assert other.code != ExitPass.objects.get(household=world.household3).code


def test_a_pass_works_on_its_day_only(world, feb20):
    tomorrow = issue(world, 2, 21)
    assert tomorrow.check_exit(Decimal("36.5")).reason == Reason.NOT_THE_DAY
    feb20.move_to(at(2, 21, 8), tick=False)
    assert tomorrow.check_exit(Decimal("36.5")) is None
    feb20.move_to(at(2, 22, 8), tick=False)
    assert tomorrow.check_exit(Decimal("36.5")).reason == Reason.EXPIRED


def test_one_member_out_at_a_time_and_a_pass_is_spent_once_they_are_back(world, todays_pass):
    wife = Resident.objects.create(household=world.household3, name="刘芳")
    guard = world.users["gatekeeper"]
    trip, refusal = todays_pass.go_out(world.huangbin, Decimal("36.4"), guard)
    assert refusal is None and trip.in_at is None
    trip2, refusal = todays_pass.go_out(wife, Decimal("36.5"), guard)
    assert trip2 is None and refusal.reason == Reason.ALREADY_OUT
    assert trip.come_back(Decimal("36.6")) and not trip.come_back()
    _trip, refusal = todays_pass.go_out(wife, Decimal("36.5"), guard)
    assert refusal.reason == Reason.USED
    assert list(GateRefusal.objects.values_list("reason", flat=True)) == [
        Reason.USED,
        Reason.ALREADY_OUT,
    ]


def test_a_community_allowing_two_out_at_once_lets_a_second_member_go(world, todays_pass):
    GateRules.objects.create(community=world.community, max_out=2)
    wife = Resident.objects.create(household=world.household3, name="刘芳")
    todays_pass.go_out(world.huangbin, Decimal("36.4"), None)
    trip, refusal = todays_pass.go_out(wife, Decimal("36.4"), None)
    assert refusal is None and Trip.objects.out().count() == 2


def test_fever_at_the_gate_refuses_and_flags_staff_until_followed_up(world, todays_pass):
    trip, refusal = todays_pass.go_out(world.huangbin, Decimal("37.3"), None)
    assert trip is None and refusal.reason == Reason.FEVER
    assert "37.3°C" in explain(refusal)
    flagged = GateRefusal.objects.needing_staff().get()
    assert flagged.temperature == Decimal("37.3") and flagged.resident == world.huangbin
    _trip, refusal = todays_pass.go_out(world.huangbin, Decimal("37.2"), None)
    assert refusal is None


def test_a_trip_is_overdue_after_2_hours_or_the_communitys_own_limit(world, todays_pass, feb20):
    todays_pass.go_out(world.huangbin, Decimal("36.4"), None)
    feb20.move_to(at(2, 20, 11), tick=False)
    assert Trip.objects.overdue() == []
    feb20.move_to(at(2, 20, 11, 1), tick=False)
    assert [t.resident for t in Trip.objects.overdue()] == [world.huangbin]
    GateRules.objects.create(community=world.community, max_hours=3)
    assert Trip.objects.overdue() == []


def test_a_trip_back_in_time_is_never_overdue(world, todays_pass, feb20):
    trip, _refusal = todays_pass.go_out(world.huangbin, Decimal("36.4"), None)
    feb20.move_to(at(2, 20, 10), tick=False)
    trip.come_back()
    feb20.move_to(at(2, 20, 15), tick=False)
    assert Trip.objects.overdue() == []


def test_a_returnee_is_watched_14_days_with_the_days_left_counting_down(world, feb20):
    returnee = Returnee.objects.create(
        household=world.household5, name="王军", origin="孝感", arrived_on=at(2, 10).date()
    )
    assert returnee.observation_ends == at(2, 24).date()
    assert returnee.days_left() == 4
    feb20.move_to(at(2, 23), tick=False)
    assert list(Returnee.objects.under_observation()) == [returnee] and returnee.days_left() == 1
    feb20.move_to(at(2, 24), tick=False)
    assert not Returnee.objects.under_observation().exists()


def test_the_observation_period_is_a_community_setting(world, feb20):
    GateRules.objects.create(community=world.community, observation_days=7)
    returnee = Returnee.objects.create(
        household=world.household5, name="王军", origin="孝感", arrived_on=at(2, 18).date()
    )
    assert returnee.observation_ends == at(2, 25).date()


def test_a_place_is_overdue_when_its_last_disinfection_is_older_than_its_interval(
    world, lift, feb20
):
    gate = Place.objects.create(
        community=world.community, kind="gate", name="东门", times_per_day=1
    )
    assert {p.name for p in Place.objects.overdue()} == {"东门", "3栋1单元电梯"}
    DisinfectionLog.objects.create(place=lift)
    DisinfectionLog.objects.create(place=gate)
    feb20.move_to(at(2, 20, 17), tick=False)
    assert Place.objects.overdue() == []
    feb20.move_to(at(2, 20, 17, 1), tick=False)
    assert [p.name for p in Place.objects.overdue()] == ["3栋1单元电梯"]
    feb20.move_to(at(2, 21, 9, 1), tick=False)
    assert len(Place.objects.overdue()) == 2


def test_passes_issued_the_same_day_never_share_a_code(world, feb20):
    days = [at(2, 20).date() + timedelta(days=3 * n) for n in range(30)]
    codes = {ExitPass.issue(world.household3, day, None).code for day in days}
    assert len(codes) == 30
