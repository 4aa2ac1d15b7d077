"""Receiving, fair shares, hand-out, payments and 爱心菜 on a small round."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag
from linli.groupbuy import fulfil
from linli.groupbuy.choices import (
    Channel,
    HandoutStatus,
    PaymentMethod,
    PaymentStatus,
    RoundState,
)
from linli.groupbuy.models import Handout, Order, OrderLine, Payment


def order(round_, household):
    return Order.objects.create(round=round_, household=household, channel=Channel.PROXY)


@pytest.fixture
def neighbour(world):
    """3栋1单元202: an ordinary household next to 黄彬's."""
    household = Household.objects.create(
        building=world.building3, unit=world.household3.unit, room="202"
    )
    Resident.objects.create(household=household, name="张伟", birth_year=1985)
    return household


@pytest.fixture
def ordered_round(world, grocery_round, products, neighbour):
    """黄彬 (3栋201) and 张伟 (3栋202) order 4 斤 of cabbage each, 王秀英 (5栋101,
    elderly living alone) orders 3 斤; the supermarket has been sent the order."""
    cabbage = products["大白菜"]
    orders = {
        "huang": order(grocery_round, world.household3),
        "zhang": order(grocery_round, neighbour),
        "wang": order(grocery_round, world.household5),
    }
    for key, quantity in (("huang", 4), ("zhang", 4), ("wang", 3)):
        OrderLine.objects.create(order=orders[key], product=cabbage, quantity=quantity, unit="斤")
    OrderLine.objects.create(order=orders["huang"], product=products["鸡蛋"], quantity=2, unit="斤")
    grocery_round.state = RoundState.ORDERED
    grocery_round.save()
    return grocery_round, orders


def receive(round_, world, products, cabbage=5, eggs=2, substitute=None):
    staff = world.users["staff"]
    fulfil.record_receipt(round_, products["大白菜"], Decimal(cabbage), staff)
    fulfil.record_receipt(round_, products["鸡蛋"], Decimal(eggs), staff, substitute=substitute)
    fulfil.allocate_round(round_)


def allocated(order_, product):
    return order_.lines.get(product=product).allocated


def test_a_short_delivery_serves_the_elderly_household_first_and_splits_the_rest(
    world, products, ordered_round
):
    round_, orders = ordered_round
    receive(round_, world, products, cabbage=5)
    cabbage = products["大白菜"]
    assert allocated(orders["wang"], cabbage) == 3
    assert allocated(orders["huang"], cabbage) == 1
    assert allocated(orders["zhang"], cabbage) == 1
    reason = orders["huang"].lines.get(product=cabbage).allocation_reason
    assert reason == (
        "到货 5 斤，订了 11 斤：优先保障独居老人、慢性病、医护家属等 1 户，"
        "其余按订量比例分配，您分到 1 斤（订 4 斤）"
    )
    round_.refresh_from_db()
    assert round_.state == RoundState.RECEIVED


def test_recording_a_product_again_replaces_the_count_and_the_shares(
    world, products, ordered_round
):
    round_, orders = ordered_round
    receive(round_, world, products, cabbage=5)
    receive(round_, world, products, cabbage=11)
    assert allocated(orders["huang"], products["大白菜"]) == 4
    assert round_.receipts.count() == 2


def test_a_product_not_recorded_as_arrived_gives_nothing(world, products, ordered_round):
    round_, orders = ordered_round
    fulfil.record_receipt(round_, products["大白菜"], Decimal(11), world.users["staff"])
    fulfil.allocate_round(round_)
    line = orders["huang"].lines.get(product=products["鸡蛋"])
    assert line.allocated == 0
    assert line.allocation_reason.startswith("没有到货")


def test_a_negative_arrival_is_refused_with_a_message(world, products, ordered_round):
    round_, _orders = ordered_round
    with pytest.raises(ValidationError, match="不能是负数"):
        fulfil.record_receipt(round_, products["大白菜"], Decimal(-1), world.users["staff"])


def test_a_substitute_is_explained_and_billed_at_its_own_price(world, products, ordered_round):
    round_, orders = ordered_round
    receive(round_, world, products, cabbage=11, eggs=2, substitute=products["土豆"])
    line = orders["huang"].lines.get(product=products["鸡蛋"])
    assert line.allocation_reason.startswith("以土豆代替。")
    fulfil.compute_payments(round_)
    # 4 斤 cabbage at 1.50 and 2 斤 of potatoes (for eggs) at 2.00.
    assert Payment.objects.get(order=orders["huang"]).amount == Decimal("10.00")


def test_households_that_cannot_come_down_get_doorstep_tasks_and_only_bags_with_goods_count(
    world, products, ordered_round, neighbour
):
    round_, orders = ordered_round
    ResidentTag.objects.create(resident=neighbour.residents.get(), tag=Tag.QUARANTINE)
    receive(round_, world, products, cabbage=3)  # all of it to 王秀英
    assert fulfil.create_handouts(round_) == 2  # 王秀英's cabbage and 黄彬's eggs
    doorstep = dict(Handout.objects.values_list("order__household_id", "needs_doorstep"))
    assert doorstep == {world.household5.pk: True, world.household3.pk: False}
    assert fulfil.create_handouts(round_) == 0  # re-running makes no second task


def test_picked_up_needs_to_say_who_collected_and_the_last_bag_hands_the_round_out(
    world, products, ordered_round
):
    round_, _orders = ordered_round
    receive(round_, world, products, cabbage=11)
    fulfil.create_handouts(round_)
    captain = world.users["captain3"]
    handouts = list(Handout.objects.order_by("pk"))
    with pytest.raises(ValidationError, match="是谁领走的"):
        fulfil.mark_handout(handouts[0], HandoutStatus.PICKED_UP, captain, "  ")
    fulfil.mark_handout(handouts[0], HandoutStatus.PICKED_UP, captain, "本人")
    fulfil.mark_handout(handouts[1], HandoutStatus.DELIVERED, captain)
    round_.refresh_from_db()
    assert round_.state == RoundState.RECEIVED
    fulfil.mark_handout(handouts[2], HandoutStatus.DELIVERED, captain)
    round_.refresh_from_db()
    assert round_.state == RoundState.HANDED_OUT
    assert handouts[0].collected_by == "本人" and handouts[0].done_by == captain


def test_a_household_pays_for_what_it_received_not_what_it_ordered(world, products, ordered_round):
    round_, orders = ordered_round
    receive(round_, world, products, cabbage=5, eggs=1)
    fulfil.compute_payments(round_)
    # 黄彬 ordered 4 斤 cabbage + 2 斤 eggs (18 元) and received 1 斤 + 1 斤.
    assert Payment.objects.get(order=orders["huang"]).amount == Decimal("7.50")
    assert Payment.objects.get(order=orders["wang"]).amount == Decimal("4.50")


def test_the_round_balances_in_a_shortage(world, products, ordered_round):
    round_, orders = ordered_round
    receive(round_, world, products, cabbage=5, eggs=1)
    fulfil.compute_payments(round_)
    fulfil.mark_payment(orders["huang"].payment, PaymentStatus.PAID, world.users["staff"],
                        PaymentMethod.WECHAT)  # fmt: skip
    balance = fulfil.round_balance(round_)
    # The supermarket's bill: 5 斤 × 1.50 + 1 斤 × 6.00.
    assert balance.suppliers == Decimal("13.50")
    assert balance.households == balance.paid + balance.unpaid + balance.waived
    assert balance.balanced and balance.paid == Decimal("7.50")


def test_paid_needs_a_method_and_the_last_payment_settles_a_handed_out_round(
    world, products, ordered_round
):
    round_, orders = ordered_round
    receive(round_, world, products, cabbage=11)
    fulfil.create_handouts(round_)
    for handout in Handout.objects.all():
        fulfil.mark_handout(handout, HandoutStatus.DELIVERED, world.users["captain3"])
    fulfil.compute_payments(round_)
    staff = world.users["staff"]
    with pytest.raises(ValidationError, match="付款方式"):
        fulfil.mark_payment(orders["huang"].payment, PaymentStatus.PAID, staff)
    fulfil.mark_payment(orders["huang"].payment, PaymentStatus.PAID, staff, PaymentMethod.CASH)
    fulfil.mark_payment(orders["zhang"].payment, PaymentStatus.WAIVED, staff)
    round_.refresh_from_db()
    assert round_.state == RoundState.HANDED_OUT
    fulfil.mark_payment(orders["wang"].payment, PaymentStatus.PAID, staff, PaymentMethod.WECHAT)
    round_.refresh_from_db()
    assert round_.state == RoundState.SETTLED


def test_love_parcels_are_waived_and_counted_against_the_budget(world, products, ordered_round):
    round_, orders = ordered_round
    round_.love_budget = Decimal("5.00")
    round_.save()
    fulfil.set_love(orders["wang"], True)  # 3 斤 × 1.50 = 4.50 ordered
    with pytest.raises(ValidationError, match="爱心菜预算不够：预算 ¥5.00，已用 ¥4.50"):
        fulfil.set_love(orders["zhang"], True)  # 4 斤 × 1.50 = 6.00 more
    assert not Order.objects.get(pk=orders["zhang"].pk).is_love
    receive(round_, world, products, cabbage=11)
    fulfil.compute_payments(round_)
    balance = fulfil.round_balance(round_)
    assert Payment.objects.get(order=orders["wang"]).status == PaymentStatus.WAIVED
    assert balance.love == Decimal("4.50") and balance.waived == Decimal("4.50")
    assert balance.balanced


def test_taking_a_parcel_off_the_love_list_makes_it_owed_again(world, products, ordered_round):
    round_, orders = ordered_round
    round_.love_budget = Decimal("100")
    round_.save()
    fulfil.set_love(orders["wang"], True)
    receive(round_, world, products, cabbage=11)
    fulfil.compute_payments(round_)
    fulfil.set_love(Order.objects.get(pk=orders["wang"].pk), False)
    assert Payment.objects.get(order=orders["wang"]).status == PaymentStatus.UNPAID
