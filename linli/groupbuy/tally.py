"""Tallies, purchase orders and pick lists of a round, aggregated in the database.

A round of ten thousand households has fifty thousand order lines; the totals
come from one GROUP BY each, and the pick lists read plain value rows rather
than model instances.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.db.models import Exists, OuterRef, Sum
from django.utils.translation import gettext as _

from linli.community.choices import Tag
from linli.community.models import ResidentTag
from linli.groupbuy.models import OrderLine, SupplierProduct

JIN = "斤"
KG_PER_JIN = Decimal("0.5")
CENT = Decimal("0.01")
# Households whose bag is carried to the door rather than collected at the gate.
DOORSTEP_TAGS = (Tag.ELDERLY_ALONE, Tag.QUARANTINE)


def round_lines(round_, lines=None):
    """The round's order lines, optionally narrowed (by a scope) beforehand."""
    lines = OrderLine.objects.all() if lines is None else lines
    return lines.filter(order__round=round_)


def totals_by_product(round_, lines=None) -> list[dict]:
    """[{product_id, product__name, unit, total}] for the whole round."""
    return list(
        round_lines(round_, lines)
        .values("product_id", "product__name", "product__category", "unit")
        .annotate(total=Sum("quantity"))
        .order_by("product__category", "product__name", "unit")
    )


def totals_by_building(round_, lines=None) -> list[dict]:
    """[{building, product, unit, total}] rows, grouped for display by building."""
    building = "order__household__building"
    return list(
        round_lines(round_, lines)
        .values(
            f"{building}_id",
            f"{building}__number",
            f"{building}__compound__name",
            "product__name",
            "unit",
        )
        .annotate(total=Sum("quantity"))
        .order_by(f"{building}__compound__name", f"{building}__number", "product__name", "unit")
    )


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
    """
    lines = round_lines(round_, lines)
    if building_id is not None:
        lines = lines.filter(order__household__building_id=building_id)
    doorstep = ResidentTag.objects.filter(
        resident__household_id=OuterRef("order__household_id"), tag__in=DOORSTEP_TAGS
    )
    rows = (
        lines.annotate(doorstep=Exists(doorstep))
        .values_list(
            "order__household__building_id",
            "order__household__building__compound__name",
            "order__household__building__number",
            "order__household_id",
            "order__household__unit__number",
            "order__household__room",
            "product__name",
            "quantity",
            "allocated",
            "unit",
            "doorstep",
            "order__is_love",
        )
        .order_by(
            "order__household__building__compound__name",
            "order__household__building__number",
            "order__household__unit__number",
            "order__household__room",
            "product__name",
        )
    )
    buildings: dict = {}
    for (
        b_id,
        compound,
        number,
        h_id,
        unit_no,
        room,
        product,
        qty,
        allocated,
        unit,
        door,
        love,
    ) in rows:
        building = buildings.get(b_id)
        if building is None:
            building = buildings[b_id] = {"id": b_id, "compound": compound, "number": number,
                                          "households": {}}  # fmt: skip
        household = building["households"].get(h_id)
        if household is None:
            household = building["households"][h_id] = {
                "id": h_id, "unit": unit_no, "room": room, "doorstep": door, "love": love,
                "items": [],
            }  # fmt: skip
        household["items"].append({
            "product": product, "ordered": qty, "unit": unit,
            "quantity": qty if allocated is None else allocated,
        })  # fmt: skip
    result = []
    for building in buildings.values():
        households = list(building["households"].values())
        # Doorstep bags first: they are the ones that need a person to carry them.
        households.sort(key=lambda h: not h["doorstep"])
        result.append({**building, "households": households})
    return result


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
