"""The demo's group buying: suppliers with prices for the packaged catalog, their
users linked, one open round closing tomorrow at 18:00, some orders, none for 黄彬."""

from django.utils import timezone

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.groupbuy import demo
from linli.groupbuy.models import Product, Supplier


def test_the_demo_round_is_open_until_tomorrow_at_six_with_orders_but_not_huangbins(world):
    chaoshi = User.objects.create_user("chaoshi")
    Membership.objects.create(user=chaoshi, role=Role.SUPPLIER, community=world.community)
    round = demo.seed(world.community)
    closes = timezone.localtime(round.closes_at)
    assert round.accepts_orders()
    assert (closes.date() - timezone.localdate()).days == 1 and closes.hour == 18
    assert round.orders.exists()
    assert not round.orders.filter(household=world.household3).exists()
    market = Supplier.objects.get(name="武商超市")
    assert market.wants_kg and list(round.suppliers.all()) == [market]
    offered = market.offers.count() + Supplier.objects.get(name="益丰大药房").offers.count()
    assert offered == Product.objects.count() > 50
    assert chaoshi.memberships.get().supplier == market
