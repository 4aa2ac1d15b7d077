"""Short views of parsed entries, as the scorer compares them."""


def items(entry) -> list[tuple]:
    """(product, quantity, unit) of each item."""
    return [(i.product, i.quantity, i.unit) for i in entry.items]


def address(entry) -> tuple | None:
    a = entry.address
    return (a.building, a.unit, a.room) if a else None
