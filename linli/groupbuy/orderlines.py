"""Checking and merging the lines of an order. Pure Python (no Django), so it is
fast and property-testable; `ordering.place_order` calls it before it touches
the database."""

from decimal import Decimal, InvalidOperation

# More than any household orders of one product in one round; above this a
# quantity is a slip of the finger (1000 for 10) and is refused, not bought.
MAX_QUANTITY = Decimal("200")
# An order lists at most this many different products.
MAX_LINES = 60
# OrderLine.quantity keeps two decimal places (half a 斤, a quarter kg).
PLACES = 2


class LineProblem(ValueError):
    """A line that cannot be ordered; `code` says why, `product` which one."""

    def __init__(self, code: str, product=None, quantity=None):
        super().__init__(f"{code}: {product} {quantity}")
        self.code, self.product, self.quantity = code, product, quantity


def check_quantity(quantity, product=None) -> Decimal:
    """The quantity as a Decimal, or LineProblem("bad_quantity" / "too_many")."""
    try:
        value = quantity if isinstance(quantity, Decimal) else Decimal(str(quantity).strip())
    except (InvalidOperation, ValueError):
        raise LineProblem("bad_quantity", product, quantity) from None
    if not value.is_finite() or value <= 0:
        raise LineProblem("bad_quantity", product, quantity)
    if value != value.quantize(Decimal(1).scaleb(-PLACES)):
        raise LineProblem("bad_quantity", product, quantity)
    if value > MAX_QUANTITY:
        raise LineProblem("too_many", product, quantity)
    return value


def merge_lines(lines) -> list[tuple[object, Decimal, str]]:
    """Check each (product, quantity, unit) and add up repeats of one product.

    A product listed twice (两斤白菜 … 再加一斤白菜) is one line with the sum; the
    first unit given wins. Order is kept, so the order reads as it was written.
    """
    merged: dict = {}
    for product, quantity, unit in lines:
        value = check_quantity(quantity, product)
        if product in merged:
            _, total, first_unit = merged[product]
            merged[product] = (product, total + value, first_unit)
        else:
            merged[product] = (product, value, unit)
    result = list(merged.values())
    if not result:
        raise LineProblem("empty")
    if len(result) > MAX_LINES:
        raise LineProblem("too_many_lines")
    for product, total, _unit in result:
        if total > MAX_QUANTITY:
            raise LineProblem("too_many", product, total)
    return result
