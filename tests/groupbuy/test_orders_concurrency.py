"""Orders hold when many arrive at the same moment: simultaneous first submissions
of one household make one order, none of many households is lost, and a close
racing with orders leaves exactly the orders that were told yes.

Each thread has its own database connection, like requests on several app
servers, released together at a barrier (see tests/test_accounts_concurrency.py).
"""

from decimal import Decimal

import pytest
from django.db import connection

from linli.community.models import Household
from linli.groupbuy.choices import Channel, RoundState
from linli.groupbuy.models import Order, OrderLine
from linli.groupbuy.ordering import OrderRefused, place_order
from linli.groupbuy.rounds import advance
from tests.test_accounts_concurrency import simultaneously

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The in-memory SQLite test database fails a second writer at once instead
    # of letting it wait; bench/bench_orders.py covers a SQLite file under gunicorn.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

THREADS = 12


def errors_in(results):
    return [r for r in results if isinstance(r, Exception) and not isinstance(r, OrderRefused)]


def test_simultaneous_first_submissions_of_one_household_make_one_order(
    world, grocery_round, products, during_round
):
    lines = [(products["大白菜"], Decimal(2), "斤"), (products["土豆"], Decimal(1), "斤")]

    results = simultaneously(
        lambda i: place_order(grocery_round, world.household3, lines, channel=Channel.SELF),
        n=THREADS,
    )

    assert errors_in(results) == []
    assert Order.objects.count() == 1
    assert OrderLine.objects.count() == 2


def test_simultaneous_orders_of_many_households_are_all_stored(
    world, grocery_round, products, during_round
):
    households = [
        Household.objects.create(building=world.building3, room=f"{300 + i}")
        for i in range(THREADS)
    ]
    lines = [(products["鸡蛋"], Decimal(1), "斤")]

    results = simultaneously(
        lambda i: place_order(grocery_round, households[i], lines, channel=Channel.SELF),
        n=THREADS,
    )

    assert errors_in(results) == []
    assert Order.objects.filter(household__in=households).count() == THREADS


def test_a_close_racing_with_orders_keeps_exactly_the_orders_that_were_accepted(
    world, grocery_round, products, during_round
):
    households = [
        Household.objects.create(building=world.building3, room=f"{400 + i}")
        for i in range(THREADS - 1)
    ]
    lines = [(products["大米"], Decimal(1), "袋")]

    def work(i):
        if i == THREADS - 1:
            return advance(grocery_round, RoundState.CLOSED)
        return place_order(grocery_round, households[i], lines, channel=Channel.SELF)

    results = simultaneously(work, n=THREADS)

    assert errors_in(results) == []
    accepted = {r.household_id for r in results if isinstance(r, Order)}
    refused = [r for r in results if isinstance(r, OrderRefused)]
    assert set(Order.objects.values_list("household_id", flat=True)) == accepted
    assert {r.code for r in refused} <= {"round_closed"}
    assert len(accepted) + len(refused) == THREADS - 1
