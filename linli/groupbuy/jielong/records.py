"""What an entry reads into: its items, and the entry itself."""

from dataclasses import dataclass
from typing import ClassVar

from linli.groupbuy.jielong.address import Address
from linli.groupbuy.jielong.catalog import CatalogProduct

GENERIC_UNIT = "份"  # for a product the catalog does not know, when none is written
DOZEN_UNIT = "个"


@dataclass(frozen=True, slots=True)
class Item:
    product: str
    quantity: int | float
    unit: str
    matched: bool
    fuzzy: ClassVar[bool] = False

    def as_dict(self) -> dict:
        d = {"product": self.product, "quantity": self.quantity, "unit": self.unit}
        d["matched"] = self.matched
        return d


@dataclass(frozen=True, slots=True)
class FuzzyItem(Item):
    """A product read from a slip of the keyboard (`土逗`) or with words before it
    (`新鲜茼蒿`): a person confirms it, seeing what was written."""

    written: str = ""
    fuzzy: ClassVar[bool] = True

    def as_dict(self) -> dict:
        return {**Item.as_dict(self), "fuzzy": True, "written": self.written}


@dataclass(slots=True)
class Entry:
    seq: int
    address: Address | None
    name: str | None
    items: tuple[Item, ...]
    note: str = ""
    unparsed: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "seq": self.seq,
            "address": self.address.as_dict() if self.address else None,
            "name": self.name,
            "items": [item.as_dict() for item in self.items],
            "note": self.note,
            "unparsed": list(self.unparsed),
        }


@dataclass(frozen=True, slots=True)
class SingleProduct:
    """The product of a post that sells one thing (`百香果团购`): entries give only
    a quantity."""

    name: str
    product: CatalogProduct | None
    unit: str
