"""Group buying in the demo community: the supermarket and the pharmacy with their
prices for the packaged catalog, their users linked to them, and one open grocery
round for the whole community closing tomorrow at 18:00 with some orders in it."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.community.models import Household
from linli.groupbuy.catalog_io import load_catalog_csv
from linli.groupbuy.choices import Channel, RoundKind, RoundScope, SupplierKind
from linli.groupbuy.models import Product, Round, Supplier, SupplierProduct
from linli.groupbuy.ordering import place_order

SEED = 2020
ORDERS = 40
PHARMACY_CATEGORIES = {"防护"}
# Products without a catalog price get this one, so every offer has a price.
FALLBACK_PRICE = Decimal("5.00")


def seed(community) -> Round:
    rng = random.Random(SEED)
    load_catalog_csv()
    products = list(Product.objects.order_by("category", "name"))
    market = Supplier.objects.create(
        community=community, name="武商超市", kind=SupplierKind.SUPERMARKET,
        contact="周经理", phone="027-87654321", wants_kg=True,
    )  # fmt: skip
    pharmacy = Supplier.objects.create(
        community=community, name="益丰大药房", kind=SupplierKind.PHARMACY,
        contact="李药师", phone="027-87650000",
    )  # fmt: skip
    SupplierProduct.objects.bulk_create(
        SupplierProduct(
            supplier=pharmacy if p.category in PHARMACY_CATEGORIES else market,
            product=p, price=p.price or FALLBACK_PRICE,
        )
        for p in products
    )  # fmt: skip
    for username, supplier in (("chaoshi", market), ("yaodian", pharmacy)):
        Membership.objects.filter(user__username=username, role=Role.SUPPLIER).update(
            supplier=supplier
        )
    round = _open_round(community, market)
    _orders(rng, round, products)
    return round


def _open_round(community, market) -> Round:
    now = timezone.localtime()
    tomorrow_six = (now + dt.timedelta(days=1)).replace(hour=18, minute=0, second=0, microsecond=0)
    round = Round.objects.create(
        community=community, title=f"{tomorrow_six.month}月{tomorrow_six.day}日蔬菜团购",
        kind=RoundKind.GROCERY, scope=RoundScope.COMMUNITY,
        opens_at=now - dt.timedelta(hours=6), closes_at=tomorrow_six,
        love_budget=Decimal("500"), created_by=User.objects.filter(username="futingting").first(),
    )  # fmt: skip
    round.suppliers.add(market)
    return round


def _orders(rng, round, products):
    """Orders from some households: most by themselves, some entered by their captain."""
    groceries = [p for p in products if p.category not in PHARMACY_CATEGORIES]
    households = list(
        Household.objects.filter(building__compound__community=round.community)
        .exclude(residents__name="黄彬")  # his order is for the demo to place
        .select_related("building__compound")
        .order_by("pk")
    )
    captains = {
        b.pk: m.user for m in Membership.objects.filter(role=Role.CAPTAIN).prefetch_related(
            "buildings"
        ).select_related("user") for b in m.buildings.all()
    }  # fmt: skip
    for household in rng.sample(households, min(ORDERS, len(households))):
        lines = [(p, Decimal(rng.randint(1, 4)), p.unit) for p in rng.sample(groceries, 3)]
        captain = captains.get(household.building_id)
        resident = User.objects.filter(memberships__household=household).first()
        if resident is None or (captain and rng.random() < 0.3):
            entered_by = captain or round.created_by
            place_order(round, household, lines, channel=Channel.PROXY, entered_by=entered_by)
        else:
            place_order(round, household, lines, channel=Channel.SELF, entered_by=resident)
