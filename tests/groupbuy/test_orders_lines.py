"""merge_lines and check_quantity: pure checks before an order reaches the database."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.groupbuy.orderlines import MAX_QUANTITY, LineProblem, check_quantity, merge_lines

quantities = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20"), places=2)
lines = st.lists(st.tuples(st.sampled_from("ABCD"), quantities, st.just("斤")), min_size=1)


@given(lines)
def test_merging_keeps_every_product_once_and_the_total_of_each(given_lines):
    merged = merge_lines(given_lines)
    assert len({p for p, _q, _u in merged}) == len(merged)
    for product, total, _unit in merged:
        assert total == sum(q for p, q, _u in given_lines if p == product)


@given(lines)
def test_merging_keeps_the_order_of_first_mention(given_lines):
    merged = merge_lines(given_lines)
    firsts = list(dict.fromkeys(p for p, _q, _u in given_lines))
    assert [p for p, _q, _u in merged] == firsts


@pytest.mark.parametrize("text", ["0", "-2", "abc", "NaN", "Infinity", "1.005", ""])
def test_a_quantity_that_is_not_a_positive_amount_in_hundredths_is_refused(text):
    with pytest.raises(LineProblem) as problem:
        check_quantity(text, "白菜")
    assert problem.value.code == "bad_quantity"


def test_quantities_up_to_the_maximum_are_taken_and_above_it_refused():
    assert check_quantity(str(MAX_QUANTITY)) == MAX_QUANTITY
    with pytest.raises(LineProblem):
        check_quantity(MAX_QUANTITY + Decimal("0.01"))


def test_repeats_that_add_up_past_the_maximum_are_refused():
    with pytest.raises(LineProblem) as problem:
        merge_lines([("A", MAX_QUANTITY, "斤"), ("A", Decimal(1), "斤")])
    assert problem.value.code == "too_many"


def test_no_lines_is_refused_as_empty():
    with pytest.raises(LineProblem) as problem:
        merge_lines([])
    assert problem.value.code == "empty"
