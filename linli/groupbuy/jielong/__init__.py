"""The 接龙 parser: pasted group-solitaire posts to structured orders.

Pure Python (no Django), so that it is fast and property-testable; the contract
is docs/jielong.md in the shared folder. `parse(text, catalog)` is the entry point.
"""

from linli.groupbuy.jielong.catalog import Catalog, CatalogError, CatalogProduct, read_catalog_csv
from linli.groupbuy.jielong.decode import DecodeError, decode_text
from linli.groupbuy.jielong.entry import Entry, Item
from linli.groupbuy.jielong.parser import Parse, parse

__all__ = [
    "Catalog", "CatalogError", "CatalogProduct", "DecodeError", "Entry", "Item", "Parse",
    "decode_text", "parse", "read_catalog_csv",
]  # fmt: skip
