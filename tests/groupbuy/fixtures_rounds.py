"""Fixtures for rounds and orders, on top of the `world` of tests/conftest.py.

The round runs 2020-02-19 08:00 to 2020-02-20 18:00 (Wuhan time); tests that
need "now" inside it travel there with time_machine (`during_round`).
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from linli.groupbuy.choices import RoundKind, RoundScope, SupplierKind
from linli.groupbuy.models import Product, Round, Supplier, SupplierProduct

WUHAN = ZoneInfo("Asia/Shanghai")
OPENS = dt.datetime(2020, 2, 19, 8, 0, tzinfo=WUHAN)
CLOSES = dt.datetime(2020, 2, 20, 18, 0, tzinfo=WUHAN)
DURING = dt.datetime(2020, 2, 20, 12, 0, tzinfo=WUHAN)

PRODUCTS = [
    # name, unit, category, price, aliases
    ("大白菜", "斤", "蔬菜", "1.50", ["白菜"]),
    ("土豆", "斤", "蔬菜", "2.00", ["洋芋"]),
    ("鸡蛋", "斤", "蛋奶", "6.00", ["蛋"]),
    ("大米", "袋", "粮油", "55.00", ["米"]),
    ("口罩", "个", "防护", "3.00", []),  # sold by nobody in the round
]


@pytest.fixture
def products(db) -> dict[str, Product]:
    made = {}
    for name, unit, category, price, aliases in PRODUCTS:
        made[name] = Product.objects.create(
            name=name, unit=unit, category=category, price=Decimal(price), aliases=aliases
        )
    return made


@pytest.fixture
def supermarket(world, products) -> Supplier:
    supplier = Supplier.objects.create(
        community=world.community, name="武商超市", kind=SupplierKind.SUPERMARKET, wants_kg=True
    )
    for name, _unit, _category, price, _aliases in PRODUCTS:
        if name != "口罩":
            SupplierProduct.objects.create(
                supplier=supplier, product=products[name], price=Decimal(price)
            )
    return supplier


@pytest.fixture
def grocery_round(world, supermarket) -> Round:
    """A community-wide grocery round open until 2020-02-20 18:00."""
    round = Round.objects.create(
        community=world.community, title="2月20日蔬菜团购", kind=RoundKind.GROCERY,
        scope=RoundScope.COMMUNITY, opens_at=OPENS, closes_at=CLOSES,
        created_by=world.users["staff"],
    )  # fmt: skip
    round.suppliers.add(supermarket)
    return round


@pytest.fixture
def during_round():
    """Now is 2020-02-20 12:00, six hours before the cut-off."""
    with time_machine.travel(DURING, tick=False):
        yield DURING
