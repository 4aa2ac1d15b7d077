"""Tallies, purchase orders (page data and .xlsx) and pick lists."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from linli.groupbuy import fulfil, tally
from linli.groupbuy.choices import Channel, SupplierKind
from linli.groupbuy.models import Order, OrderLine, Supplier, SupplierProduct


@pytest.fixture
def round_with_orders(world, grocery_round, products):
    cabbage, rice, egg, mask = (products[n] for n in ("大白菜", "大米", "鸡蛋", "口罩"))
    o3 = Order.objects.create(round=grocery_round, household=world.household3, channel=Channel.SELF)
    o5 = Order.objects.create(round=grocery_round, household=world.household5, channel=Channel.SELF)
    for o, product, quantity in (
        (o3, cabbage, "4"), (o3, rice, "1"), (o3, mask, "10"),
        (o5, cabbage, "2.5"), (o5, egg, "2"),
    ):  # fmt: skip
        OrderLine.objects.create(order=o, product=product, quantity=Decimal(quantity),
                                 unit=product.unit)  # fmt: skip
    return grocery_round


def test_round_totals_add_up_every_households_lines_per_product(round_with_orders):
    totals = {(r["product__name"], r["unit"]): r["total"]
              for r in tally.totals_by_product(round_with_orders)}  # fmt: skip
    assert totals == {
        ("大白菜", "斤"): Decimal("6.5"), ("大米", "袋"): 1, ("鸡蛋", "斤"): 2, ("口罩", "个"): 10,
    }  # fmt: skip


def test_building_totals_keep_each_buildings_products_apart(world, round_with_orders):
    groups = {g["number"]: {r["product__name"]: r["total"] for r in g["rows"]}
              for g in tally.building_totals_grouped(round_with_orders)}  # fmt: skip
    assert groups == {
        "3": {"大白菜": 4, "大米": 1, "口罩": 10},
        "5": {"大白菜": Decimal("2.5"), "鸡蛋": 2},
    }


def test_a_scope_narrows_the_tally_to_the_captains_buildings(world, round_with_orders):
    from linli.accounts.scope import Scope

    lines = Scope(world.users["captain5"]).filter(OrderLine)
    assert [g["number"] for g in tally.building_totals_grouped(round_with_orders, lines)] == ["5"]


def test_the_supermarkets_purchase_order_has_prices_amounts_and_kilograms(
    round_with_orders, supermarket
):
    po = tally.purchase_order_for(round_with_orders, supermarket)
    rows = {r["product"]: r for r in po.rows}
    assert set(rows) == {"大白菜", "大米", "鸡蛋"}  # masks: nobody in the round sells them
    assert rows["大白菜"]["kg"] == Decimal("3.25") and rows["大米"]["kg"] is None
    assert rows["大白菜"]["amount"] == Decimal("9.75")
    assert po.total == Decimal("9.75") + Decimal("55.00") + Decimal("12.00")


def test_products_no_supplier_sells_are_listed_apart_without_a_price(round_with_orders):
    orphans = [po for po in tally.purchase_orders(round_with_orders) if po.supplier is None]
    assert [(r["product"], r["price"]) for r in orphans[0].rows] == [("口罩", None)]


def test_each_product_goes_to_the_cheapest_supplier_of_the_round(
    world, round_with_orders, products, supermarket
):
    other = Supplier.objects.create(community=world.community, name="中百仓储",
                                    kind=SupplierKind.SUPERMARKET)  # fmt: skip
    SupplierProduct.objects.create(supplier=other, product=products["大米"], price=Decimal("50"))
    round_with_orders.suppliers.add(other)
    po = tally.purchase_order_for(round_with_orders, other)
    assert [r["product"] for r in po.rows] == ["大米"]


def test_the_xlsx_purchase_order_has_its_fixed_layout(round_with_orders, supermarket):
    po = tally.purchase_order_for(round_with_orders, supermarket)
    sheet = load_workbook(BytesIO(tally.purchase_order_xlsx(round_with_orders, po))).active
    assert sheet["A1"].value == "采购单：2月20日蔬菜团购"
    assert sheet["A2"].value == "供应商：武商超市"
    headers = ["商品", "单位", "数量", "公斤", "单价（元）", "金额（元）"]
    assert [c.value for c in sheet[5]] == headers
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert rows["大白菜"] == ("斤", 6.5, 3.25, 1.5, 9.75)
    assert rows["合计"][-1] == 76.75


def test_a_pick_list_puts_doorstep_bags_first_and_shows_what_was_allocated(
    world, round_with_orders, products, neighbour_b5
):
    o = Order.objects.create(round=round_with_orders, household=neighbour_b5, channel=Channel.SELF)
    OrderLine.objects.create(order=o, product=products["大白菜"], quantity=3, unit="斤")
    staff = world.users["staff"]
    fulfil.record_receipt(round_with_orders, products["大白菜"], Decimal(3), staff)
    fulfil.allocate_round(round_with_orders)
    (building5,) = tally.pick_lists(round_with_orders, building_id=world.building5.pk)
    rooms = [(h["room"], h["doorstep"]) for h in building5["households"]]
    # 王秀英 (101, elderly living alone) is carried to; 102 was ordered first by room.
    assert rooms == [("101", True), ("102", False)]
    bag = {i["product"]: i["quantity"] for i in building5["households"][0]["items"]}
    assert bag == {"大白菜": 2, "鸡蛋": 0}


@pytest.fixture
def neighbour_b5(world):
    from linli.community.models import Household

    return Household.objects.create(building=world.building5, unit=world.household5.unit,
                                    room="102")  # fmt: skip
