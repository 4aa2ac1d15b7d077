"""Fair shares of a short delivery: examples a person can check, then properties."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from linli.groupbuy.allocation import Claim, allocate, amount, largest_remainder


def shares_of(arrived, claims, unit="斤"):
    return {s.key: s.allocated for s in allocate(Decimal(arrived), claims, unit)}


def test_enough_for_everyone_gives_each_line_exactly_what_it_ordered():
    claims = [Claim(1, Decimal("2.5")), Claim(2, Decimal("3"))]
    assert shares_of(10, claims) == {1: Decimal("2.5"), 2: Decimal("3")}


def test_the_elderly_household_is_served_in_full_before_the_rest_share_what_is_left():
    claims = [Claim(1, Decimal(3), vulnerable=True), Claim(2, Decimal(4)), Claim(3, Decimal(4))]
    assert shares_of(5, claims) == {1: 3, 2: 1, 3: 1}


def test_the_rest_are_served_in_proportion_to_what_they_ordered():
    claims = [Claim(1, Decimal(10)), Claim(2, Decimal(20)), Claim(3, Decimal(10))]
    assert shares_of(20, claims) == {1: 5, 2: 10, 3: 5}


def test_a_leftover_unit_goes_to_the_larger_remainder_then_the_larger_order_then_the_first_line():
    assert largest_remainder(1, {7: 2, 3: 2}) == {7: 0, 3: 1}
    assert largest_remainder(1, {7: 3, 3: 2}) == {7: 1, 3: 0}
    assert largest_remainder(2, {1: 1, 2: 1, 3: 1}) == {1: 1, 2: 1, 3: 0}


def test_too_little_even_for_the_vulnerable_is_split_among_them_and_nobody_else_gets_any():
    claims = [Claim(1, Decimal(4), True), Claim(2, Decimal(2), True), Claim(3, Decimal(5))]
    assert shares_of(3, claims) == {1: 2, 2: 1, 3: 0}


def test_nothing_arrived_gives_everyone_nothing():
    assert shares_of(0, [Claim(1, Decimal(2), True), Claim(2, Decimal(1))]) == {1: 0, 2: 0}


def test_the_explanation_names_the_delivery_the_priority_households_and_the_share():
    claims = [Claim(1, Decimal(3), True)] + [Claim(k, Decimal(3)) for k in range(2, 15)]
    reasons = {s.key: s.reason for s in allocate(Decimal(30), claims, "斤")}
    assert reasons[3] == (
        "到货 30 斤，订了 42 斤：优先保障独居老人、慢性病、医护家属等 1 户，"
        "其余按订量比例分配，您分到 2 斤（订 3 斤）"
    )
    assert "您家在其中，分到 3 斤（订 3 斤）" in reasons[1]


def test_the_explanation_is_translated_by_the_callers_function():
    shares = allocate(Decimal(9), [Claim(1, Decimal(3))], "kg", translate=lambda t: "X " + t)
    assert shares[0].reason.startswith("X 到货 9 kg")


def test_amounts_read_as_a_person_says_them():
    assert amount(Decimal("30.00"), "斤") == "30 斤"
    assert amount(Decimal("2.50"), "斤") == "2.5 斤"
    assert amount(Decimal("100"), "") == "100"


# Properties over any delivery and any orders.

quantities = st.one_of(
    st.integers(1, 40).map(Decimal),
    st.integers(1, 80).map(lambda n: Decimal(n) / 2),  # half 斤 happen
)
claim_lists = st.lists(st.tuples(quantities, st.booleans()), min_size=1, max_size=30).map(
    lambda rows: [Claim(i, q, v) for i, (q, v) in enumerate(rows)]
)
arrivals = st.integers(0, 600).map(lambda n: Decimal(n) / 2)


@given(arrivals, claim_lists)
def test_never_more_than_arrived_in_total_nor_more_than_ordered_on_a_line(arrived, claims):
    shares = allocate(arrived, claims)
    assert sum(s.allocated for s in shares) <= arrived
    for claim, share in zip(claims, shares, strict=True):
        assert claim.key == share.key
        assert 0 <= share.allocated <= claim.ordered


@given(arrivals, claim_lists)
def test_a_short_delivery_is_split_in_whole_units(arrived, claims):
    if arrived >= sum(c.ordered for c in claims):
        return
    for share in allocate(arrived, claims):
        assert share.allocated == share.allocated.to_integral_value()


@given(arrivals, claim_lists)
def test_no_vulnerable_line_is_short_while_another_line_got_anything(arrived, claims):
    shares = {s.key: s.allocated for s in allocate(arrived, claims)}
    others_got = any(shares[c.key] > 0 for c in claims if not c.vulnerable)
    if others_got:
        for c in claims:
            if c.vulnerable:
                # In a shortage a line's whole units are its full share.
                assert shares[c.key] >= int(c.ordered)


@given(arrivals, claim_lists)
def test_the_others_shares_are_within_one_unit_of_their_exact_proportion(arrived, claims):
    total = sum(c.ordered for c in claims)
    if arrived >= total:
        return
    shares = {s.key: s.allocated for s in allocate(arrived, claims)}
    others = [c for c in claims if not c.vulnerable]
    pool = sum(shares[c.key] for c in others)
    weights = sum(int(c.ordered) for c in others)
    for c in others:
        if weights:
            exact = Decimal(pool) * int(c.ordered) / weights
            assert abs(shares[c.key] - exact) < 1


@given(arrivals, claim_lists)
def test_the_whole_delivery_is_handed_out_when_the_orders_can_take_it(arrived, claims):
    shares = allocate(arrived, claims)
    total = sum(c.ordered for c in claims)
    floors = sum(int(c.ordered) for c in claims)
    given_out = sum(s.allocated for s in shares)
    if arrived >= total:
        assert given_out == total
    else:
        assert given_out == min(int(arrived), floors)


@given(arrivals, claim_lists)
def test_the_same_delivery_always_splits_the_same_way_whatever_the_order_of_lines(arrived, claims):
    forward = {s.key: s.allocated for s in allocate(arrived, claims)}
    backward = {s.key: s.allocated for s in allocate(arrived, list(reversed(claims)))}
    assert forward == backward
