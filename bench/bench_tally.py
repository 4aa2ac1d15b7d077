"""Tallies, purchase orders and pick lists of a round of 10,000 households × 5 lines.

Seeded with bulk_create. Timed on the harness's SQLite, and on PostgreSQL in a
child process against a scratch database (`linli_bench_tally`, dropped and
re-created each run) when the server is reachable. The baseline is one raw SQL
GROUP BY over the same rows in the same run: the ORM's tally should cost at
most three times that, and the whole after-cut-off paperwork under 2 s.
"""

import json
import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

HOUSEHOLDS = 10_000
LINES_PER_ORDER = 5
BUILDINGS = 100
PRODUCTS = 20
REPEATS = 3
PG_SERVER = "postgresql://linli:linli@127.0.0.1:5432/"
PG_DATABASE = "linli_bench_tally"
ROOT = Path(__file__).resolve().parent.parent

RAW_GROUP_BY = """
SELECT l.product_id, l.unit, SUM(l.quantity)
FROM groupbuy_orderline l JOIN groupbuy_order o ON o.id = l.order_id
WHERE o.round_id = %s
GROUP BY l.product_id, l.unit
"""


def seed():
    """A community of 100 buildings × 100 households, each ordering 5 of 20 products."""
    import datetime as dt

    from django.utils import timezone

    from linli.community.choices import Tag
    from linli.community.models import (
        Building,
        Community,
        Compound,
        District,
        Household,
        Resident,
        ResidentTag,
        Street,
        Unit,
    )  # fmt: skip
    from linli.groupbuy.choices import Channel, RoundState, SupplierKind
    from linli.groupbuy.models import (
        Order,
        OrderLine,
        Product,
        Round,
        Supplier,
        SupplierProduct,
    )  # fmt: skip

    rng = random.Random(2020)
    street = Street.objects.create(
        district=District.objects.create(name="武昌区"), name="中南路街道"
    )
    community = Community.objects.create(street=street, name="武南村社区")
    compound = Compound.objects.create(community=community, name="凯旋名邸")
    buildings = Building.objects.bulk_create(
        [Building(compound=compound, number=str(n), sort_key=n) for n in range(1, BUILDINGS + 1)]
    )
    units = Unit.objects.bulk_create(
        [Unit(building=b, number=str(u)) for b in buildings for u in (1, 2)]
    )
    per_unit = HOUSEHOLDS // len(units)
    households = Household.objects.bulk_create([
        Household(building_id=unit.building_id, unit=unit, room=f"{floor}0{door}")
        for unit in units for floor in range(1, per_unit // 2 + 1) for door in (1, 2)
    ])  # fmt: skip
    # One household in twenty has someone who cannot come down.
    residents = Resident.objects.bulk_create([
        Resident(household=h, name="住户", birth_year=1940) for h in households[::20]
    ])  # fmt: skip
    ResidentTag.objects.bulk_create([ResidentTag(resident=r, tag=Tag.ELDERLY_ALONE)
                                     for r in residents])  # fmt: skip
    products = Product.objects.bulk_create([
        Product(name=f"商品{n:02d}", unit="斤" if n % 2 else "袋", category="蔬菜",
                price=Decimal(n) / 2 + 1)
        for n in range(PRODUCTS)
    ])  # fmt: skip
    supplier = Supplier.objects.create(community=community, name="武商超市",
                                       kind=SupplierKind.SUPERMARKET, wants_kg=True)  # fmt: skip
    SupplierProduct.objects.bulk_create(
        [SupplierProduct(supplier=supplier, product=p, price=p.price) for p in products]
    )
    now = timezone.now()
    round_ = Round.objects.create(
        community=community, title="压力测试批次", opens_at=now - dt.timedelta(days=1),
        closes_at=now - dt.timedelta(hours=1), state=RoundState.CLOSED,
    )  # fmt: skip
    round_.suppliers.add(supplier)
    orders = Order.objects.bulk_create(
        [Order(round=round_, household=h, channel=Channel.SELF) for h in households],
        batch_size=2000,
    )
    lines = [
        OrderLine(order=order, product=product, quantity=Decimal(rng.randint(1, 10)),
                  unit=product.unit)
        for order in orders for product in rng.sample(products, LINES_PER_ORDER)
    ]  # fmt: skip
    OrderLine.objects.bulk_create(lines, batch_size=5000)
    return round_, supplier, len(lines)


def _best(fn):
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def measure() -> dict:
    """Seed the current database and time each piece (best of three)."""
    from django.db import connection

    from linli.groupbuy import tally

    round_, supplier, line_count = seed()

    def tallies():
        tally.totals_by_product(round_)
        tally.building_totals_grouped(round_)

    def purchase_orders():
        po = tally.purchase_order_for(round_, supplier)
        tally.purchase_order_xlsx(round_, po)

    def pick_lists():
        buildings = tally.pick_lists(round_)
        assert sum(len(b["households"]) for b in buildings) == HOUSEHOLDS

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_GROUP_BY, [round_.pk])
            return cursor.fetchall()

    def orm_tally():
        return tally.totals_by_product(round_)

    assert len(raw()) == len(orm_tally())
    figures = {name: _best(fn) for name, fn in (
        ("tallies", tallies), ("purchase_orders", purchase_orders), ("pick_lists", pick_lists),
        ("raw", raw), ("orm_tally", orm_tally),
    )}  # fmt: skip
    figures["lines"] = line_count
    return figures


def results(figures: dict, database: str) -> list[dict]:
    total = figures["tallies"] + figures["purchase_orders"] + figures["pick_lists"]
    raw = figures["raw"]
    size = f"{HOUSEHOLDS:,} households × {LINES_PER_ORDER} lines"
    return [
        {"name": f"tally: tallies + purchase order (xlsx) + pick lists, {size} ({database})",
         "value": round(total * 1000, 1), "unit": "ms", "target": "under 2000 ms"},
        {"name": f"tally: building and round tallies ({database})",
         "value": round(figures["tallies"] * 1000, 1), "unit": "ms"},
        {"name": f"tally: purchase order page data and xlsx ({database})",
         "value": round(figures["purchase_orders"] * 1000, 1), "unit": "ms"},
        {"name": f"tally: pick lists of all 100 buildings ({database})",
         "value": round(figures["pick_lists"] * 1000, 1), "unit": "ms"},
        {"name": f"tally: ORM round tally ÷ raw SQL GROUP BY ({database})",
         "value": round(figures["orm_tally"] / raw, 2), "unit": "×",
         "baseline": {"value": round(raw * 1000, 2), "note": "ms, one raw GROUP BY, same rows"},
         "target": "3 or less"},
        {"name": f"tally: all of the above ÷ raw SQL GROUP BY ({database})",
         "value": round(total / raw, 1), "unit": "×",
         "baseline": {"value": round(raw * 1000, 2), "note": "ms, one raw GROUP BY, same rows"}},
    ]  # fmt: skip


def _postgres() -> list[dict]:
    try:
        import psycopg

        with psycopg.connect(PG_SERVER + "postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    except Exception as exc:
        return [{"name": "tally (PostgreSQL)", "value": None, "unit": "",
                 "error": f"PostgreSQL unreachable: {type(exc).__name__}: {exc}"}]  # fmt: skip
    env = {**os.environ, "LINLI_DATABASE_URL": PG_SERVER + PG_DATABASE,
           "DJANGO_SETTINGS_MODULE": "linli.settings"}  # fmt: skip
    child = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, cwd=ROOT, capture_output=True,
        text=True, timeout=600,
    )  # fmt: skip
    if child.returncode:
        return [{"name": "tally (PostgreSQL)", "value": None, "unit": "",
                 "error": child.stderr.strip().splitlines()[-1]}]  # fmt: skip
    return results(json.loads(child.stdout.strip().splitlines()[-1]), "PostgreSQL")


def run() -> list[dict]:
    return results(measure(), "SQLite") + _postgres()


if __name__ == "__main__" and "--child" in sys.argv:
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(json.dumps(measure()))
