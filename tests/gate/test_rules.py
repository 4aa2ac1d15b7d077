"""The rules for going out, as pure functions."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from linli.gate import rules
from linli.gate.rules import Reason

FEB_20 = date(2020, 2, 20)


def exit_check(**changes):
    facts = dict(
        today=FEB_20, pass_day=FEB_20, pass_spent=False, out_now=0, max_out=1,
        temperature=Decimal("36.5"), fever_at=Decimal("37.3"),
    )  # fmt: skip
    facts.update(changes)
    return rules.check_exit(**facts)


def test_a_pass_of_today_unspent_with_nobody_out_and_no_fever_lets_one_out():
    assert exit_check() is None


def test_each_refusal_has_its_reason_in_the_order_a_gatekeeper_checks():
    assert exit_check(pass_day=FEB_20 + timedelta(days=1)).reason == Reason.NOT_THE_DAY
    assert exit_check(pass_day=FEB_20 - timedelta(days=1)).reason == Reason.EXPIRED
    assert exit_check(pass_spent=True).reason == Reason.USED
    assert exit_check(out_now=1).reason == Reason.ALREADY_OUT
    assert exit_check(out_now=1, max_out=2) is None
    assert exit_check(temperature=Decimal("37.3")).reason == Reason.FEVER
    assert exit_check(temperature=Decimal("37.2")) is None


def test_once_every_3_days_means_the_20th_then_the_23rd():
    refusal = rules.check_new_pass(date(2020, 2, 22), [FEB_20], 3)
    assert refusal.reason == Reason.TOO_SOON and refusal.facts["next"] == date(2020, 2, 23)
    assert rules.check_new_pass(date(2020, 2, 23), [FEB_20], 3) is None
    assert rules.check_new_pass(date(2020, 2, 18), [FEB_20], 3).reason == Reason.TOO_SOON


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 12, 31)),
    st.lists(st.dates(min_value=date(2020, 1, 1), max_value=date(2020, 12, 31)), max_size=5),
    st.integers(min_value=1, max_value=7),
)
def test_a_new_pass_is_allowed_exactly_when_no_other_is_closer_than_the_gap(day, others, gap):
    allowed = rules.check_new_pass(day, others, gap) is None
    assert allowed == all(abs((day - o).days) >= gap for o in others)


def test_out_longer_than_2_hours_is_overdue():
    out = datetime(2020, 2, 20, 2, 0, tzinfo=UTC)
    assert not rules.is_overdue(out, out + timedelta(hours=2), 2)
    assert rules.is_overdue(out, out + timedelta(hours=2, minutes=1), 2)


def test_a_place_cleaned_3_times_a_day_is_due_8_hours_after_the_last_time():
    done = datetime(2020, 2, 20, 8, 0, tzinfo=UTC)
    assert not rules.disinfection_due(done, done + timedelta(hours=8), 3)
    assert rules.disinfection_due(done, done + timedelta(hours=8, minutes=1), 3)
    assert rules.disinfection_due(None, done, 3)


def test_observation_of_14_days_from_10_february_ends_on_24_february():
    assert rules.observation_end(date(2020, 2, 10), 14) == date(2020, 2, 24)


def test_home_quarantine_refuses_a_new_pass_and_an_exit_before_anything_else():
    assert rules.check_new_pass(FEB_20, [], 3, quarantined=True).reason == Reason.QUARANTINE
    refusal = exit_check(quarantined=True, temperature=Decimal("38"), out_now=1)
    assert refusal.reason == Reason.QUARANTINE
