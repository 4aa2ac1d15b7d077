"""The pure parts: template placeholders and the feedback arithmetic."""

from datetime import datetime, timedelta
from statistics import median

from hypothesis import given
from hypothesis import strategies as st

from linli.notices.placeholders import fill, unfilled
from linli.notices.summary import summarise, week_of


def test_fill_replaces_known_placeholders_and_leaves_the_rest():
    text = "{date} {time}在{place}消杀，{date}前请关窗"
    filled = fill(text, {"date": "2月12日"})
    assert filled == "2月12日 {time}在{place}消杀，2月12日前请关窗"
    assert unfilled(filled) == ["time", "place"]


def test_a_text_without_placeholders_is_left_alone():
    assert fill("请戴口罩", {"date": "x"}) == "请戴口罩"
    assert unfilled("请戴口罩 {不是占位}") == []


@given(st.text(), st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), st.text(
    alphabet=st.characters(blacklist_characters="{}"))))  # fmt: skip
def test_filling_every_placeholder_leaves_none(text, values):
    names = unfilled(text)
    filled = fill(text, {**values, **{n: "x" for n in names}})
    assert unfilled(filled) == []


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2020, 12, 31))


@given(moments)
def test_a_week_starts_on_the_monday_on_or_before_the_day(moment):
    monday = week_of(moment)
    assert monday.weekday() == 0
    assert 0 <= (moment.date() - monday).days < 7


rows = st.lists(
    st.tuples(
        st.sampled_from(["groupbuy", "medical", "other"]),
        moments,
        st.one_of(st.none(), st.integers(0, 500)),
        st.booleans(),
    ),
    max_size=40,
)


@given(rows)
def test_the_figures_add_up_and_the_median_is_of_answered_ones(raw):
    data = [
        (t, c, None if h is None else c + timedelta(hours=h), closed) for t, c, h, closed in raw
    ]
    by_week, by_topic = summarise(data)
    assert sum(f.total for f in by_topic.values()) == len(data)
    assert sum(f.total for f in by_week.values()) == len(data)
    for topic, figures in by_topic.items():
        assert figures.open + figures.closed == figures.total
        hours = [h for t, _c, h, _cl in raw if t == topic and h is not None]
        assert figures.median_hours == (round(median(hours), 1) if hours else None)
