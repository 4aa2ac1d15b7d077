"""Tallies, purchase orders and pick lists of a round, aggregated in the database.

A round of ten thousand households has fifty thousand order lines; the totals
come from one GROUP BY each, and the pick lists read plain value rows rather
than model instances.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.db.models import Sum
from django.utils.translation import gettext as _

from linli.community.choices import Tag
from linli.community.models import Building, Household, ResidentTag
from linli.groupbuy.models import OrderLine, Product, SupplierProduct

JIN = "斤"
KG_PER_JIN = Decimal("0.5")
CENT = Decimal("0.01")
# Households whose bag is carried to the door rather than collected at the gate.
DOORSTEP_TAGS = (Tag.ELDERLY_ALONE, Tag.QUARANTINE)


def round_lines(round_, lines=None):
    """The round's order lines, optionally narrowed (by a scope) beforehand."""
    lines = OrderLine.objects.all() if lines is None else lines
    return lines.filter(order__round=round_)


def _products(ids):
    """Names and categories of a few products, read once rather than joined into every row."""
    return Product.objects.in_bulk(set(ids))


def totals_by_product(round_, lines=None) -> list[dict]:
    """[{product_id, product__name, unit, total}] for the whole round.

    The GROUP BY is on the line table alone (the fastest form); the twenty-odd
    product names are looked up after.
    """
    rows = list(
        round_lines(round_, lines).values("product_id", "unit").annotate(total=Sum("quantity"))
    )
    products = _products(r["product_id"] for r in rows)
    for row in rows:
        product = products[row["product_id"]]
        row["product__name"], row["product__category"] = product.name, product.category
    rows.sort(key=lambda r: (r["product__category"], r["product__name"], r["unit"]))
    return rows


def totals_by_building(round_, lines=None) -> list[dict]:
    """[{building, product, unit, total}] rows, grouped for display by building."""
    building = "order__household__building_id"
    rows = list(
        round_lines(round_, lines)
        .values(building, "product_id", "unit")
        .annotate(total=Sum("quantity"))
    )
    products = _products(r["product_id"] for r in rows)
    buildings = Building.objects.select_related("compound").in_bulk({r[building] for r in rows})
    for row in rows:
        b = buildings[row[building]]
        row["order__household__building__number"] = b.number
        row["order__household__building__compound__name"] = b.compound.name
        row["sort"] = (b.compound.name, b.sort_key, b.number)
        row["product__name"] = products[row["product_id"]].name
    rows.sort(key=lambda r: (r["sort"], r["product__name"], r["unit"]))
    return rows


def offers(round_) -> dict[int, SupplierProduct]:
    """For each product, the round's supplier that sells it (the cheapest, then the first)."""
    chosen = {}
    rows = (
        SupplierProduct.objects.filter(supplier__rounds=round_)
        .select_related("supplier")
        .order_by("product_id", "price", "supplier_id")
    )
    for offer in rows:
        chosen.setdefault(offer.product_id, offer)
    return chosen


def kilograms(quantity: Decimal, unit: str) -> Decimal | None:
    return (quantity * KG_PER_JIN).quantize(CENT) if unit == JIN else None


@dataclass
class PurchaseOrder:
    supplier: object  # Supplier, or None for products no supplier of the round sells
    rows: list = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((row["amount"] for row in self.rows if row["amount"] is not None), Decimal(0))

    @property
    def wants_kg(self) -> bool:
        return bool(self.supplier and self.supplier.wants_kg)


def purchase_orders(round_) -> list[PurchaseOrder]:
    """One purchase order per supplier: product, unit, quantity (and kg), price, amount."""
    by_supplier: dict = {}
    chosen = offers(round_)
    for row in totals_by_product(round_):
        offer = chosen.get(row["product_id"])
        supplier = offer.supplier if offer else None
        po = by_supplier.setdefault(supplier.pk if supplier else None, PurchaseOrder(supplier))
        price = offer.price if offer else None
        po.rows.append({
            "product": row["product__name"],
            "unit": row["unit"],
            "quantity": row["total"],
            "kg": kilograms(row["total"], row["unit"]),
            "price": price,
            "amount": (row["total"] * price).quantize(CENT) if price is not None else None,
        })  # fmt: skip
    # Named suppliers in a stable order; products nobody sells come last.
    return sorted(by_supplier.values(), key=lambda po: po.supplier.pk if po.supplier else 1 << 62)


def purchase_order_for(round_, supplier) -> PurchaseOrder:
    for po in purchase_orders(round_):
        if po.supplier and po.supplier.pk == supplier.pk:
            return po
    return PurchaseOrder(supplier)


def purchase_order_xlsx(round_, po: PurchaseOrder) -> bytes:
    """The purchase order as an .xlsx with a fixed layout: a title block, then one row per product.

    Row 1 title, row 2 supplier, row 3 round closing time, row 5 headers, data from
    row 6, and a total row. Plain cells and number formats only, so Excel and WPS
    open it alike.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("采购单")[:31]
    sheet["A1"] = _("采购单：{round}").format(round=round_.title)
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A2"] = _("供应商：{name}").format(name=po.supplier.name if po.supplier else _("未指定"))
    sheet["A3"] = _("截单时间：{time}").format(time=f"{round_.closes_at:%Y-%m-%d %H:%M}")
    headers = [_("商品"), _("单位"), _("数量")]
    if po.wants_kg:
        headers.append(_("公斤"))
    headers += [_("单价（元）"), _("金额（元）")]
    sheet.append([])
    sheet.append(headers)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    for row in po.rows:
        values = [row["product"], row["unit"], row["quantity"]]
        if po.wants_kg:
            values.append(row["kg"])
        values += [row["price"], row["amount"]]
        sheet.append(values)
    total_row = [_("合计")] + [None] * (len(headers) - 2) + [po.total]
    sheet.append(total_row)
    sheet[sheet.max_row][0].font = Font(bold=True)
    for column, width in zip("ABCDEFG", [18, 8, 10, 10, 12, 12, 12], strict=False):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=6):
        for cell in row[2:]:
            cell.number_format = "0.00"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def pick_lists(round_, lines=None, building_id=None) -> list[dict]:
    """Per building, per household: the bag's items and whether it goes to the door.

    Uses what was allocated once goods have arrived, else what was ordered.
    Three flat reads (lines, their households, the doorstep households) joined
    here, rather than one wide join of fifty thousand rows.
    """
    lines = round_lines(round_, lines)
    if building_id is not None:
        lines = lines.filter(order__household__building_id=building_id)
    rows = lines.values_list(
        "order__household_id", "product_id", "quantity", "allocated", "unit", "order__is_love"
    ).order_by("order__household_id", "product_id")
    items: dict[int, list] = {}
    love = set()
    product_ids = set()
    for h_id, product_id, qty, allocated, unit, is_love in rows:
        product_ids.add(product_id)
        items.setdefault(h_id, []).append((product_id, qty, allocated, unit))
        if is_love:
            love.add(h_id)
    names = {pk: p.name for pk, p in _products(product_ids).items()}
    doorstep = set(
        ResidentTag.objects.filter(tag__in=DOORSTEP_TAGS, resident__household_id__in=lines.values(
            "order__household_id")).values_list("resident__household_id", flat=True)
    )  # fmt: skip
    households = (
        Household.objects.filter(pk__in=lines.values("order__household_id"))
        .values_list("pk", "building_id", "building__compound__name", "building__number",
                     "building__sort_key", "unit__number", "room")
        .order_by("building__compound__name", "building__sort_key", "building__number",
                  "unit__number", "room")
    )  # fmt: skip
    buildings: dict = {}
    for h_id, b_id, compound, number, _sort, unit_no, room in households:
        building = buildings.setdefault(
            b_id, {"id": b_id, "compound": compound, "number": number, "households": []}
        )
        bag = [{"product": names[pid], "ordered": qty, "unit": unit,
                "quantity": qty if allocated is None else allocated}
               for pid, qty, allocated, unit in items[h_id]]  # fmt: skip
        bag.sort(key=lambda item: item["product"])
        building["households"].append({
            "id": h_id, "unit": unit_no, "room": room, "doorstep": h_id in doorstep,
            "love": h_id in love, "items": bag,
        })  # fmt: skip
    for building in buildings.values():
        # Doorstep bags first: they are the ones that need a person to carry them.
        building["households"].sort(key=lambda h: not h["doorstep"])
    return list(buildings.values())


def building_totals_grouped(round_, lines=None) -> list[dict]:
    """totals_by_building as [{compound, number, rows: [...]}] for a page."""
    grouped = defaultdict(list)
    names = {}
    for row in totals_by_building(round_, lines):
        key = row["order__household__building_id"]
        names[key] = (row["order__household__building__compound__name"],
                      row["order__household__building__number"])  # fmt: skip
        grouped[key].append(row)
    return [{"id": k, "compound": names[k][0], "number": names[k][1], "rows": rows}
            for k, rows in grouped.items()]  # fmt: skip
