"""Properties of matching that hold for any needs and professionals."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from linli.cases import matching
from linli.cases.matching import CandidateSummary, NeedSummary, rank, rank_many

PROFESSIONS = ["social_worker", "psychologist", "doctor", "counsellor"]
SPECIALTIES = list(matching.SPECIALTY_LABELS)


@st.composite
def candidate(draw, id):
    capacity = draw(st.integers(1, 10))
    return CandidateSummary(
        id=id,
        profession=draw(st.sampled_from(PROFESSIONS)),
        capacity=capacity,
        open_cases=draw(st.integers(0, capacity)),
        on_duty=draw(st.booleans()),
        specialties=frozenset(draw(st.sets(st.sampled_from(SPECIALTIES), max_size=4))),
        languages=frozenset(draw(st.sets(st.sampled_from(["普通话", "武汉话"])))),
        community_ids=frozenset(draw(st.sets(st.integers(1, 3), min_size=1, max_size=2))),
    )


@st.composite
def candidates(draw):
    ids = draw(st.lists(st.integers(1, 500), unique=True, max_size=15))
    return [draw(candidate(i)) for i in ids]


needs = st.builds(
    NeedSummary,
    category=st.sampled_from(list(matching.CATEGORY_FIT)),
    community_id=st.integers(1, 3),
    crisis=st.booleans(),
    priority=st.integers(1, 4),
    languages=st.sampled_from([frozenset(), frozenset({"武汉话"})]),
    crisis_kind=st.sampled_from([None, *matching.CRISIS_KINDS]),
)


@given(needs, candidates())
def test_never_more_than_three(need, pros):
    assert len(rank(need, pros)) <= 3


@given(needs, candidates())
def test_never_a_full_professional_nor_one_of_another_community(need, pros):
    by_id = {c.id: c for c in pros}
    for match in rank(need, pros):
        assert not by_id[match.id].full
        assert need.community_id in by_id[match.id].community_ids


@given(needs, candidates(), st.randoms())
def test_the_order_of_the_candidates_does_not_matter(need, pros, random):
    shuffled = list(pros)
    random.shuffle(shuffled)
    assert rank(need, shuffled) == rank(need, pros)


@given(needs, candidates())
def test_scores_come_best_first(need, pros):
    scores = [m.score for m in rank(need, pros)]
    assert scores == sorted(scores, reverse=True)


@given(needs, candidates(), st.data())
def test_adding_load_never_raises_a_rank(need, pros, data):
    before = [m.id for m in rank(need, pros)]
    if not before:
        return
    chosen = data.draw(st.sampled_from(before))
    loaded = [replace(c, open_cases=c.open_cases + 1) if c.id == chosen else c for c in pros]
    after = [m.id for m in rank(need, loaded)]
    if chosen in after:
        assert after.index(chosen) >= before.index(chosen)


@given(st.lists(needs, max_size=8), candidates())
def test_rank_many_agrees_with_rank(many, pros):
    assert rank_many(many, pros) == [rank(n, pros) for n in many]
