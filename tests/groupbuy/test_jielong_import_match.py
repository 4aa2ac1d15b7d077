"""Properties of the pure matcher: an address names its own household or none,
never a stranger's; quantities are orderable or refused; a household entered
twice keeps exactly its last entry."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from linli.groupbuy.jielong_match import Home, Homes, Problem, mark_superseded, read_quantity

BUILDINGS = {1: "3", 2: "5", 3: "12A"}
rooms = st.sampled_from(["101", "102", "201", "202", "1501"])
places = st.tuples(st.sampled_from(sorted(BUILDINGS)), st.sampled_from(["1", "2", None]), rooms)


def homes_of(places) -> Homes:
    unique = {(b, u, r) for b, u, r in places}
    return Homes(
        Home(pk, "凯旋名邸", b, BUILDINGS[b], u, r, f"{BUILDINGS[b]}-{u}-{r}")
        for pk, (b, u, r) in enumerate(sorted(unique, key=str), start=1)
    )


@given(st.lists(places, min_size=1, max_size=30), st.data())
def test_a_full_address_of_a_household_names_that_household(places, data):
    homes = homes_of(places)
    home = data.draw(st.sampled_from(homes.homes))
    address = {"building": home.building, "unit": home.unit, "room": home.room}
    found, problem = homes.match(address, default_building=None)
    if problem == "":
        assert found == home
    else:
        # Only a household without a unit beside another with the same room in a
        # unit of that building leaves a doubt.
        assert problem == Problem.AMBIGUOUS and found is None
        twins = [h for h in homes.homes if h != home and (h.building, h.room) == (
            home.building, home.room) and None in (h.unit, home.unit)]  # fmt: skip
        assert twins


@given(
    st.lists(places, max_size=30),
    st.sampled_from(["3", "5", "12A", "9", None]),
    st.sampled_from(["1", "2", "3", None]),
    st.sampled_from(["101", "201", "301", "1501", None]),
    st.sampled_from([1, 2, 3, None]),
)
def test_a_match_is_always_one_of_the_households_with_that_room(
    places, building, unit, room, default
):
    homes = homes_of(places)
    address = {"building": building, "unit": unit, "room": room}
    found, problem = homes.match(address, default)
    assert (found is None) == bool(problem)
    if found is not None:
        assert found in homes.homes and found.room == room
        if building and found.building != building:
            # Only the `1-201` reading of a post about one building: unit 1 there.
            assert found.building_id == default and found.unit in (building, None)


@given(st.one_of(st.decimals(allow_nan=True, allow_infinity=True), st.text(max_size=8)))
def test_a_quantity_is_orderable_or_refused(value):
    q = read_quantity(value)
    if q is not None:
        assert Decimal(0) < q <= Decimal(200)
        assert q == q.quantize(Decimal("0.01"))


@given(st.integers(1, 20000))
def test_every_orderable_quantity_in_hundredths_is_kept(hundredths):
    value = Decimal(hundredths) / 100
    assert read_quantity(str(value)) == value


@given(st.lists(st.tuples(st.sampled_from([None, 1, 2, 3]), st.booleans()), max_size=12))
def test_a_household_entered_twice_keeps_only_its_last_entry(rows):
    entries = [
        {"seq": n + 1, "household": household, "skip": skip}
        for n, (household, skip) in enumerate(rows)
    ]
    mark_superseded(entries)
    for household in {e["household"] for e in entries if e["household"]}:
        live = [e for e in entries if e["household"] == household and not e["skip"]]
        kept = [e for e in live if not e.get("superseded_by")]
        assert kept == live[-1:]
        assert all(e["superseded_by"] == live[-1]["seq"] for e in live[:-1])
