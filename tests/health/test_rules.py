from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.health import rules
from linli.health.rules import Member


@pytest.mark.parametrize("text", ["36.5", " 36,5 ", "３６．５", "36.5℃", "36.5度"])
def test_temperatures_typed_on_a_phone_are_read(text):
    assert rules.parse_temperature(text) == Decimal("36.5")


@pytest.mark.parametrize("text", ["", "abc", "33.9", "43.1", "365", "nan", "inf"])
def test_impossible_temperatures_are_refused(text):
    with pytest.raises(rules.TemperatureError):
        rules.parse_temperature(text)


@given(st.decimals(min_value=Decimal("34.0"), max_value=Decimal("43.0"), places=1))
def test_every_reading_in_range_round_trips(value):
    assert rules.parse_temperature(str(value)) == value


def test_the_threshold_itself_is_a_fever_and_just_below_is_not():
    assert rules.is_abnormal(Decimal("37.3"), [])
    assert not rules.is_abnormal(Decimal("37.2"), [])


def test_any_symptom_is_abnormal_even_without_a_fever():
    assert rules.is_abnormal(Decimal("36.5"), ["cough"])
    assert rules.is_abnormal(None, ["fatigue"])


def test_a_close_contact_counts_14_days_from_the_last_contact_not_from_the_start():
    assert rules.quarantine_end(date(2020, 2, 10), 14, date(2020, 2, 8)) == date(2020, 2, 22)
    assert rules.quarantine_end(date(2020, 2, 10), 14) == date(2020, 2, 24)


def test_not_seen_for_two_days_counts_from_the_last_sighting():
    today = date(2020, 2, 12)
    assert not rules.not_seen_since(date(2020, 2, 11), date(2020, 2, 1), today)
    assert rules.not_seen_since(date(2020, 2, 10), date(2020, 2, 1), today)
    assert not rules.not_seen_since(None, date(2020, 2, 11), today)


ADULT = Member(age=40, dependent=False, away=False)
CHILD = Member(age=8, dependent=False, away=False)
ELDER = Member(age=82, dependent=True, away=False)


def away(member):
    return Member(member.age, member.dependent, True)


def test_a_child_whose_only_parent_is_transferred_needs_care():
    assert rules.needs_care([away(ADULT), CHILD])


def test_a_child_with_one_parent_still_home_does_not():
    assert not rules.needs_care([away(ADULT), ADULT, CHILD])


def test_a_dependent_elder_left_alone_needs_care_but_one_who_always_lived_alone_is_not_flagged():
    assert rules.needs_care([away(ADULT), ELDER])
    assert not rules.needs_care([ELDER])


def test_adults_only_households_never_need_care():
    assert not rules.needs_care([away(ADULT), ADULT])


@given(st.lists(st.builds(Member, st.none() | st.integers(0, 100), st.booleans(), st.booleans())))
def test_needs_care_only_when_a_carer_was_taken_and_nobody_able_is_left(members):
    def able(m):
        return not m.dependent and not (m.age is not None and m.age < 14)

    if rules.needs_care(members):
        assert any(m.away and able(m) for m in members)
        assert not any(able(m) and not m.away for m in members)
