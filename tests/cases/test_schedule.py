"""Follow-up schedules (pure): one date, or every N days up to and including a date."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.cases.schedule import MAX_DATES, ScheduleError, follow_up_dates, new_dates

DAY = date(2020, 2, 20)


def test_a_single_follow_up_is_its_one_date():
    assert follow_up_dates(DAY) == [DAY]
    assert follow_up_dates(DAY, None, DAY + timedelta(days=9)) == [DAY]


def test_every_three_days_until_a_date_includes_the_last_day_when_it_falls_on_it():
    assert follow_up_dates(DAY, 3, date(2020, 2, 26)) == [
        date(2020, 2, 20),
        date(2020, 2, 23),
        date(2020, 2, 26),
    ]
    assert follow_up_dates(DAY, 3, date(2020, 2, 25))[-1] == date(2020, 2, 23)


@pytest.mark.parametrize(
    "every, until, field, code",
    [
        (2, None, "until", "until_missing"),
        (2, DAY - timedelta(days=1), "until", "until_before_first"),
        (-1, DAY + timedelta(days=3), "every", "every_not_positive"),
        (1, DAY + timedelta(days=MAX_DATES), "every", "too_many"),
        (7, DAY + timedelta(days=400), "until", "too_far"),
    ],
)
def test_a_schedule_that_makes_no_sense_says_which_field_is_wrong(every, until, field, code):
    with pytest.raises(ScheduleError) as caught:
        follow_up_dates(DAY, every, until)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_first_date_in_the_past_is_refused_when_today_is_given():
    with pytest.raises(ScheduleError):
        follow_up_dates(DAY, today=DAY + timedelta(days=1))
    assert follow_up_dates(DAY, today=DAY) == [DAY]


def test_sixty_dates_are_allowed_and_sixty_one_are_not():
    assert len(follow_up_dates(DAY, 1, DAY + timedelta(days=MAX_DATES - 1))) == MAX_DATES
    with pytest.raises(ScheduleError):
        follow_up_dates(DAY, 1, DAY + timedelta(days=MAX_DATES))


@given(
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    every=st.integers(min_value=1, max_value=90),
    span=st.integers(min_value=0, max_value=366),
)
def test_a_schedule_starts_on_the_first_day_keeps_its_step_and_ends_by_the_last(first, every, span):
    until = first + timedelta(days=span)
    try:
        dates = follow_up_dates(first, every, until)
    except ScheduleError as exc:
        assert exc.code == "too_many" and span // every + 1 > MAX_DATES
        return
    assert dates[0] == first and dates[-1] <= until
    assert until - dates[-1] < timedelta(days=every)
    assert all(b - a == timedelta(days=every) for a, b in zip(dates, dates[1:], strict=False))


@given(st.lists(st.dates()), st.lists(st.dates()))
def test_new_dates_never_repeat_a_planned_one(dates, planned):
    fresh = new_dates(dates, planned)
    assert not set(fresh) & set(planned)
    assert set(fresh) | (set(dates) & set(planned)) == set(dates)
