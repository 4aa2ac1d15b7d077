"""place_order and cancel_order: the cut-off, replacing edits, merged lines, refusals."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from linli.groupbuy.choices import Channel, RoundState
from linli.groupbuy.models import Order, OrderLine
from linli.groupbuy.ordering import OrderRefused, cancel_order, place_order
from tests.groupbuy.fixtures_rounds import CLOSES, OPENS

SECOND = dt.timedelta(seconds=1)


def cabbage(products, quantity="2"):
    return [(products["大白菜"], Decimal(quantity), "斤")]


def order_of(round, household, products, quantity="2", **kwargs):
    kwargs.setdefault("channel", Channel.SELF)
    return place_order(round, household, cabbage(products, quantity), **kwargs)


def lines_of(order):
    return sorted((line.product.name, line.quantity) for line in order.lines.all())


def test_an_order_a_second_before_the_cut_off_is_taken(world, grocery_round, products):
    with time_machine.travel(CLOSES - SECOND, tick=False):
        order = order_of(grocery_round, world.household3, products)
    assert lines_of(order) == [("大白菜", Decimal("2.00"))]


@pytest.mark.parametrize("late", [dt.timedelta(0), SECOND, dt.timedelta(days=1)])
def test_an_order_at_or_after_the_cut_off_is_refused_with_the_cut_off_time(
    world, grocery_round, products, late
):
    with time_machine.travel(CLOSES + late, tick=False), pytest.raises(OrderRefused) as refused:
        order_of(grocery_round, world.household3, products)
    assert refused.value.code == "round_closed"
    assert "已截单（2月20日 18:00）" in refused.value.message
    assert not Order.objects.exists()


def test_an_order_before_the_round_opens_is_refused(world, grocery_round, products):
    with pytest.raises(OrderRefused) as refused:
        order_of(grocery_round, world.household3, products, now=OPENS - SECOND)
    assert refused.value.code == "round_not_open"


def test_a_round_closed_by_hand_refuses_orders_before_its_cut_off(world, grocery_round, products):
    grocery_round.state = RoundState.CLOSED
    grocery_round.save()
    with pytest.raises(OrderRefused) as refused:
        order_of(grocery_round, world.household3, products, now=CLOSES - dt.timedelta(hours=1))
    assert refused.value.code == "round_closed"


def test_the_service_reads_the_round_state_from_the_database_not_a_stale_object(
    world, grocery_round, products, during_round
):
    stale = type(grocery_round).objects.get(pk=grocery_round.pk)
    grocery_round.state = RoundState.CLOSED
    grocery_round.save()
    with pytest.raises(OrderRefused):
        order_of(stale, world.household3, products)


def test_an_edit_replaces_the_lines_and_keeps_one_order(
    world, grocery_round, products, during_round
):
    first = order_of(grocery_round, world.household3, products, quantity="2")
    second = place_order(
        grocery_round, world.household3, [(products["土豆"], Decimal("3"), "斤")],
        channel=Channel.PROXY, entered_by=world.users["captain3"],
    )  # fmt: skip
    assert second.pk == first.pk
    assert Order.objects.count() == 1
    assert lines_of(second) == [("土豆", Decimal("3.00"))]
    second.refresh_from_db()
    assert (second.channel, second.entered_by) == (Channel.PROXY, world.users["captain3"])


def test_two_identical_submissions_make_one_order_with_one_set_of_lines(
    world, grocery_round, products, during_round
):
    order_of(grocery_round, world.household3, products)
    order_of(grocery_round, world.household3, products)
    assert Order.objects.count() == 1
    assert OrderLine.objects.count() == 1


def test_a_product_listed_twice_is_one_line_with_the_sum(
    world, grocery_round, products, during_round
):
    lines = [
        (products["大白菜"], Decimal("2"), "斤"),
        (products["鸡蛋"], Decimal("1"), "斤"),
        (products["大白菜"], Decimal("1.5"), "斤"),
    ]
    order = place_order(grocery_round, world.household3, lines, channel=Channel.SELF)
    assert lines_of(order) == [("大白菜", Decimal("3.50")), ("鸡蛋", Decimal("1.00"))]


@pytest.mark.parametrize(
    ("quantity", "code"), [("0", "bad_quantity"), ("-1", "bad_quantity"),
                           ("0.001", "bad_quantity"), ("1000", "too_many")]
)  # fmt: skip
def test_a_bad_quantity_is_refused_and_names_the_product(
    world, grocery_round, products, during_round, quantity, code
):
    with pytest.raises(OrderRefused) as refused:
        order_of(grocery_round, world.household3, products, quantity=quantity)
    assert refused.value.code == code
    assert "大白菜" in refused.value.message


def test_an_empty_order_is_refused(world, grocery_round, during_round):
    with pytest.raises(OrderRefused) as refused:
        place_order(grocery_round, world.household3, [], channel=Channel.SELF)
    assert refused.value.code == "empty"


def test_a_product_no_supplier_of_the_round_sells_is_refused(
    world, grocery_round, products, during_round
):
    with pytest.raises(OrderRefused) as refused:
        place_order(
            grocery_round, world.household3, [(products["口罩"], 2, "个")], channel=Channel.SELF
        )
    assert refused.value.code == "not_offered"


def test_a_household_of_another_community_is_outside_the_round(
    world, grocery_round, products, during_round
):
    with pytest.raises(OrderRefused) as refused:
        order_of(grocery_round, world.other_household, products)
    assert refused.value.code == "out_of_scope"


def test_a_round_for_building_3_refuses_a_household_of_building_5(
    world, grocery_round, products, during_round
):
    grocery_round.scope = "buildings"
    grocery_round.save()
    grocery_round.buildings.set([world.building3])
    order_of(grocery_round, world.household3, products)
    with pytest.raises(OrderRefused) as refused:
        order_of(grocery_round, world.household5, products)
    assert refused.value.code == "out_of_scope"


def test_cancel_before_the_cut_off_removes_the_order(world, grocery_round, products, during_round):
    order_of(grocery_round, world.household3, products)
    assert cancel_order(grocery_round, world.household3) is True
    assert not Order.objects.exists()
    assert cancel_order(grocery_round, world.household3) is False


def test_cancel_after_the_cut_off_is_refused(world, grocery_round, products, during_round):
    order_of(grocery_round, world.household3, products)
    with pytest.raises(OrderRefused):
        cancel_order(grocery_round, world.household3, now=CLOSES)
    assert Order.objects.count() == 1
