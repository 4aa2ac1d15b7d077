"""The report's arithmetic and chart geometry, property-tested (no database)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from linli.reports import arith, chart

counts = st.fixed_dictionaries({k: st.integers(0, 10_000) for k in arith.KEYS})


@given(st.lists(counts, max_size=6))
def test_a_rollup_is_the_key_by_key_sum(many):
    total = arith.rollup(many)
    assert all(total[k] == sum(f[k] for f in many) for k in arith.KEYS)


@given(st.lists(counts, min_size=1, max_size=6))
def test_a_rollups_coverage_is_recomputed_from_the_summed_counts(many):
    total = arith.derived(arith.rollup(many))
    assert total["coverage"] == arith.percent(
        sum(f["checked"] for f in many), sum(f["residents"] for f in many)
    )


@given(counts, counts)
def test_adding_the_change_to_the_day_before_gives_the_day(today, before):
    now, then, delta = arith.derived(today), arith.derived(before), arith.changes(today, before)
    for key, value in now.items():
        assert abs(then[key] + delta[key] - value) < 0.11


def test_there_is_no_change_without_a_day_before():
    assert set(arith.changes(arith.empty(), None).values()) == {None}


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_a_percentage_stays_between_0_and_100_when_the_part_is_within_the_whole(a, b):
    part, whole = min(a, b), max(a, b)
    assert 0 <= arith.percent(part, whole) <= 100


def test_nobody_to_check_in_is_zero_percent_not_a_division_by_zero():
    assert arith.percent(0, 0) == 0.0


def test_a_snapshot_missing_a_newer_key_reads_it_as_zero():
    assert arith.complete({"residents": 3, "unknown": 9}) == {**arith.empty(), "residents": 3}


def test_days_back_ends_with_the_day_oldest_first():
    assert arith.days_back(date(2020, 3, 1), 3) == [
        date(2020, 2, 28), date(2020, 2, 29), date(2020, 3, 1),
    ]  # fmt: skip


def test_a_day_without_figures_is_a_gap_in_the_series():
    days = arith.days_back(date(2020, 2, 10), 2)
    figures = {**arith.empty(), "residents": 4, "checked": 2, "new_confirmed": 1,
               "new_suspected": 2, "needs_p1": 1, "needs_p4": 2}  # fmt: skip
    series = arith.series(days, {days[1]: figures})
    assert series == {"coverage": [None, 50.0], "abnormal": [None, 0],
                      "new_confirmed_suspected": [None, 3], "needs_open": [None, 3]}  # fmt: skip


values = st.lists(st.one_of(st.none(), st.integers(0, 500)), min_size=1, max_size=14)


@given(values)
def test_every_point_lies_inside_the_plot(vs):
    c = chart.line_chart([str(i) for i in range(len(vs))], [("a", "A", vs)])
    for x, y in c.lines[0].dots:
        assert c.left <= x <= c.right and c.top <= y <= c.bottom
    assert len(c.lines[0].dots) == sum(v is not None for v in vs)


@given(values)
def test_a_gap_lifts_the_pen(vs):
    path = chart.line_chart([str(i) for i in range(len(vs))], [("a", "A", vs)]).lines[0].path
    runs = sum(1 for i, v in enumerate(vs) if v is not None and (i == 0 or vs[i - 1] is None))
    assert path.count("M") == runs


@given(st.floats(0, 1e6))
def test_the_y_axis_reaches_above_the_largest_value(v):
    assert chart.nice_ceiling(v) >= v


def test_a_higher_value_is_drawn_higher_and_the_last_day_is_labelled():
    c = chart.line_chart(["1", "2", "3"], [("a", "A", [0, 50, 100])], y_max=100)
    ys = [y for _, y in c.lines[0].dots]
    assert ys[0] > ys[1] > ys[2]
    assert c.x_ticks[-1][1] == "3"
