"""The dashboard's arithmetic: medians of time to first response, the week window,
on-time shares and load levels, as plain functions."""

import statistics
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from linli.cases import dashstats

NOW = datetime(2020, 2, 20, 12, 0, tzinfo=UTC)

minutes = st.integers(min_value=0, max_value=60 * 24 * 10)
# (minutes before NOW the need came in, minutes to its response, deadline in minutes)
need_rows = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=60 * 24 * 30),
        st.one_of(st.none(), minutes),
        st.sampled_from([30, 120, 1440, 4320]),
    ),
    max_size=60,
)


def rows_of(drawn):
    rows = []
    for ago, took, deadline in drawn:
        created = NOW - timedelta(minutes=ago)
        responded = None if took is None else created + timedelta(minutes=took)
        rows.append((created, created + timedelta(minutes=deadline), responded))
    return rows


def test_the_median_of_three_responses_is_the_middle_one_and_waiting_needs_are_left_out():
    rows = rows_of([(100, 10, 30), (200, 50, 30), (300, 20, 30), (50, None, 30)])
    stats = dashstats.response_stats(rows)
    assert (stats.count, stats.median_minutes, stats.on_time) == (3, 20.0, 2)
    assert stats.on_time_percent == 67


def test_an_even_count_takes_the_mean_of_the_two_middle_values():
    assert dashstats.median([10, 40, 20, 30]) == 25.0


def test_no_responses_give_no_median_rather_than_zero():
    stats = dashstats.response_stats(rows_of([(10, None, 30)]))
    assert stats.count == 0 and stats.median_minutes is None and stats.on_time_percent is None


def test_the_week_counts_only_needs_that_came_in_during_the_last_seven_days():
    rows = rows_of([(60, 5, 30), (60 * 24 * 8, 500, 30)])
    week, overall = dashstats.week_and_all(rows, NOW)
    assert (week.count, week.median_minutes) == (1, 5.0)
    assert (overall.count, overall.median_minutes) == (2, 252.5)


def test_a_response_logged_before_the_need_counts_as_zero_minutes_not_negative():
    created = NOW - timedelta(hours=1)
    rows = [(created, created + timedelta(minutes=30), created - timedelta(minutes=5))]
    assert dashstats.response_stats(rows).median_minutes == 0.0


@given(need_rows)
def test_the_median_lies_between_the_fastest_and_the_slowest_response(drawn):
    rows = rows_of(drawn)
    took = [t for _ago, t, _d in drawn if t is not None]
    stats = dashstats.response_stats(rows)
    assert stats.count == len(took)
    if took:
        assert min(took) <= stats.median_minutes <= max(took)
        assert abs(stats.median_minutes - statistics.median(took)) < 1e-6
    else:
        assert stats.median_minutes is None


@given(need_rows, st.randoms())
def test_the_order_of_the_rows_does_not_change_the_figures(drawn, rng):
    rows = rows_of(drawn)
    shuffled = list(rows)
    rng.shuffle(shuffled)
    assert dashstats.week_and_all(rows, NOW) == dashstats.week_and_all(shuffled, NOW)


@given(need_rows)
def test_the_week_is_part_of_all_time_and_on_time_never_exceeds_the_count(drawn):
    week, overall = dashstats.week_and_all(rows_of(drawn), NOW)
    assert week.count <= overall.count
    assert 0 <= week.on_time <= week.count and 0 <= overall.on_time <= overall.count
    if overall.count:
        assert 0 <= overall.on_time_percent <= 100


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_hours_and_minutes_add_back_up_to_the_rounded_minutes(value):
    hours, rest = dashstats.hours_minutes(value)
    assert 0 <= rest < 60 and hours * 60 + rest == round(value)


def test_hours_and_minutes_of_nothing_is_nothing():
    assert dashstats.hours_minutes(None) is None
    assert dashstats.hours_minutes(125.4) == (2, 5)


@given(st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=50))
def test_a_professional_is_full_at_capacity_high_from_80_percent_and_ok_below(n, capacity):
    level = dashstats.load_level(n, capacity)
    if capacity == 0 or n >= capacity:
        assert level == "full"
    elif n / capacity >= 0.8:
        assert level == "high"
    else:
        assert level == "ok"


def test_the_longest_wait_counts_from_when_the_need_came_in():
    assert dashstats.waiting_minutes(NOW - timedelta(minutes=90), NOW) == 90
    assert dashstats.waiting_minutes(None, NOW) is None
