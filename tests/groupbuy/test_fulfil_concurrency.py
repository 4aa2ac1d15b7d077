"""Eight taps on 保存并分配 at once, on a database server: the saves run one after
another (the round's row lock; each save also rewrites every line of the round),
so every order gets one hand-out task and one bill, and the accounts balance."""

from decimal import Decimal

import pytest
from django.db import connection

from linli.groupbuy import fulfil
from linli.groupbuy.choices import Channel, RoundState
from linli.groupbuy.models import Handout, Order, OrderLine, Payment
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # SQLite's shared in-memory test database fails a second writer at once
    # instead of making it wait, so the lock is tested where it is used.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]


def test_simultaneous_saves_of_the_receiving_form_make_one_task_and_one_bill_per_order(
    world, grocery_round, products
):
    cabbage, eggs = products["大白菜"], products["鸡蛋"]
    for household in (world.household3, world.household5):
        order = Order.objects.create(round=grocery_round, household=household,
                                     channel=Channel.SELF)  # fmt: skip
        OrderLine.objects.create(order=order, product=cabbage, quantity=4, unit="斤")
        OrderLine.objects.create(order=order, product=eggs, quantity=1, unit="斤")
    grocery_round.state = RoundState.ORDERED
    grocery_round.save()
    staff = world.users["staff"]

    # Workers counting different products, so they do not meet on one receipt row.
    arrivals = [[(cabbage.pk, Decimal(6), None)], [(eggs.pk, Decimal(2), None)]]
    results = simultaneously(lambda i: fulfil.receive_round(grocery_round, arrivals[i % 2], staff))

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Handout.objects.count() == 2 and Payment.objects.count() == 2
    assert fulfil.round_balance(grocery_round).balanced
