"""Rounds move forward one state at a time; closing is automatic past the cut-off;
staff may reopen with a new cut-off, and orders are taken again."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from linli.accounts.scope import Scope
from linli.groupbuy.choices import Channel, RoundState
from linli.groupbuy.models import Round
from linli.groupbuy.ordering import OrderRefused, place_order
from linli.groupbuy.rounds import (
    RoundRefused,
    advance,
    can_manage,
    can_reopen,
    close_overdue,
    reopen,
    shown_state,
)
from tests.groupbuy.fixtures_rounds import CLOSES

HOUR = dt.timedelta(hours=1)


def state_of(round):
    round.refresh_from_db()
    return round.state


def test_a_round_moves_through_every_state_in_order(grocery_round):
    for state in ["closed", "ordered", "received", "handed_out", "settled"]:
        advance(grocery_round, state)
        assert state_of(grocery_round) == state


def test_a_round_cannot_skip_a_state(grocery_round):
    with pytest.raises(RoundRefused) as refused:
        advance(grocery_round, RoundState.RECEIVED)
    assert "接单中" in refused.value.message
    assert state_of(grocery_round) == RoundState.OPEN


def test_pressing_close_twice_closes_once_and_the_second_press_is_refused(grocery_round):
    advance(grocery_round, RoundState.CLOSED)
    with pytest.raises(RoundRefused):
        advance(grocery_round, RoundState.CLOSED)
    assert state_of(grocery_round) == RoundState.CLOSED


def test_an_open_round_past_its_cut_off_shows_as_closed_before_anyone_closes_it(grocery_round):
    assert shown_state(grocery_round, CLOSES - HOUR) == RoundState.OPEN
    assert shown_state(grocery_round, CLOSES) == RoundState.CLOSED
    assert grocery_round.state == RoundState.OPEN


def test_close_rounds_closes_only_rounds_past_their_cut_off_and_is_safe_to_rerun(
    grocery_round, world
):
    later = Round.objects.create(
        community=world.community, title="later", opens_at=CLOSES, closes_at=CLOSES + 24 * HOUR
    )
    with time_machine.travel(CLOSES + HOUR, tick=False):
        out = StringIO()
        call_command("close_rounds", stdout=out)
        assert "1" in out.getvalue()
        assert close_overdue() == 0
    assert state_of(grocery_round) == RoundState.CLOSED
    assert state_of(later) == RoundState.OPEN


def test_a_reopened_round_takes_orders_again_until_its_new_cut_off(grocery_round, world, products):
    cabbage = [(products["大白菜"], Decimal(1), "斤")]
    advance(grocery_round, RoundState.CLOSED)
    with time_machine.travel(CLOSES + HOUR, tick=False):
        with pytest.raises(OrderRefused):
            place_order(grocery_round, world.household3, cabbage, channel=Channel.SELF)
        reopen(grocery_round, CLOSES + 3 * HOUR)
        place_order(grocery_round, world.household3, cabbage, channel=Channel.SELF)
    with time_machine.travel(CLOSES + 3 * HOUR, tick=False), pytest.raises(OrderRefused):
        place_order(grocery_round, world.household5, cabbage, channel=Channel.SELF)
    assert grocery_round.orders.count() == 1


def test_a_round_reopens_only_with_a_cut_off_in_the_future(grocery_round):
    advance(grocery_round, RoundState.CLOSED)
    with pytest.raises(RoundRefused) as refused:
        reopen(grocery_round, CLOSES - HOUR, now=CLOSES)
    assert refused.value.code == "past_cut_off"


def test_a_round_already_ordered_from_the_supplier_does_not_reopen(grocery_round):
    advance(grocery_round, RoundState.CLOSED)
    advance(grocery_round, RoundState.ORDERED)
    with pytest.raises(RoundRefused):
        reopen(grocery_round, CLOSES + 24 * HOUR, now=CLOSES)
    assert state_of(grocery_round) == RoundState.ORDERED


@pytest.mark.parametrize(
    ("who", "manages", "reopens"),
    [("staff", True, True), ("property", True, False), ("captain3", False, False),
     ("resident", False, False), ("supplier", False, False), ("volunteer", False, False),
     ("other_staff", False, False), ("superuser", True, True)],
)  # fmt: skip
def test_who_runs_and_reopens_rounds(world, who, manages, reopens):
    scope = Scope(world.users[who])
    assert can_manage(scope, world.community.pk) is manages
    assert can_reopen(scope, world.community.pk) is reopens
