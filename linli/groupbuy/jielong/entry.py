"""One entry (`9-1-201 黄彬 茼蒿2斤 土豆3斤`) read into address, name, items, note.

Notes, money and phone numbers are set aside first (notes.py), the rest is cut
into tokens around the address (tokens.py), the name is found and each quantity
given to its word (pairing.py), and each word with its quantity gives items,
matched against the catalog (here).
"""

from functools import lru_cache

from linli.groupbuy.jielong.address import find_addresses
from linli.groupbuy.jielong.catalog import Catalog, Match
from linli.groupbuy.jielong.notes import RARE, set_aside
from linli.groupbuy.jielong.numbers import plain_number
from linli.groupbuy.jielong.pairing import State, pair, take_name
from linli.groupbuy.jielong.quantity import Quantity
from linli.groupbuy.jielong.records import (
    DOZEN_UNIT,
    GENERIC_UNIT,
    Entry,
    FuzzyItem,
    Item,
    SingleProduct,
)
from linli.groupbuy.jielong.tokens import KIND, QTY, TEXT, tokenize

# The records are imported from here too (the package, title.py, jielong_import).
__all__ = [
    "DOZEN_UNIT", "GENERIC_UNIT", "Entry", "FuzzyItem", "Item", "SingleProduct", "parse_entry",
]  # fmt: skip


def parse_entry(
    seq: int, text: str, written, catalog: Catalog, single: SingleProduct | None = None
) -> Entry:
    """Read one entry; text is clean (text.clean_line). written() gives the entry as
    the resident wrote it, which only an entry without items needs."""
    notes, unparsed = [], []
    if RARE.search(text) is not None:  # most entries have none of these
        text = set_aside(text, notes)

    tokens: list[tuple] = []
    address = None
    pos = 0
    for i, (found, start, end) in enumerate(find_addresses(text)):
        tokenize(text[pos:start], catalog, tokens)
        if i == 0:
            address = found
            tokens.append(("A", text[start:end], None))
        else:  # a second address is not read as quantities; a person looks at it
            unparsed.append(text[start:end])
            tokens.append(("S", text[start:end], None))
        pos = end
    tokenize(text[pos:], catalog, tokens)

    state = State("".join([t[KIND] for t in tokens]))
    name = take_name(tokens, state, catalog, single)
    orphans = pair(tokens, state)
    items = _items(tokens, state, catalog, unparsed)
    if single is not None and not items:
        items = [_single_item(single, tokens[i][QTY]) for i in orphans]
        orphans = []
        if not items and not unparsed and (address or name):
            items.append(_single_item(single, None))
    if orphans:
        unparsed += [tokens[i][TEXT] for i in orphans]
    if not items:
        raw = written().strip()
        unparsed = [raw] if raw else []
    return Entry(seq, address, name, tuple(items), "；".join(notes), tuple(unparsed))


def _items(tokens: list, state: State, catalog: Catalog, unparsed: list) -> list[Item]:
    """The items of every word but the name. A word with its quantity (`土豆` with
    the `2斤` of a cached chunk) comes back again and again in a long post, so the
    items it gives are kept per catalog; () is a word that gives none."""
    items = []
    kinds, bound, name_at = state.kinds, state.bound, state.name_at
    each_of, text_of = state.each, state.text_of
    memo = catalog.item_memo
    if len(memo) > 20_000:  # a bound on memory, as for the chunks
        memo.clear()
    i = kinds.find("T")
    while i >= 0:
        if i == name_at:
            i = kinds.find("T", i + 1)
            continue
        text = text_of.get(i, tokens[i][TEXT]) if text_of else tokens[i][TEXT]
        q = bound.get(i)
        key = (text, i in each_of, None if q is None else tokens[q][QTY])
        known = memo.get(key)
        if known is None:
            known = memo[key] = _word_items(*key, catalog)
        if known:
            items += known
        else:
            unparsed.append(text)
        i = kinds.find("T", i + 1)
    return items


def _word_items(text: str, each: bool, qty: Quantity | None, catalog: Catalog) -> tuple:
    """The items one word gives with its quantity, or () when it names no product
    and has no quantity: then it is not an order but words a person reads."""
    resolution = catalog.resolve(text, each)
    matches = resolution.matches
    if qty is None and all(m.product is None for m in matches):
        return ()
    last = len(matches) - 1
    return tuple(
        _item(
            match, qty if each or k == last else None, match.fuzzy or bool(resolution.prefix), text
        )
        for k, match in enumerate(matches)
    )


def _item(match: Match, qty: Quantity | None, fuzzy: bool, written: str) -> Item:
    product = match.product
    default = product.unit if product else GENERIC_UNIT
    if qty is None:
        value, unit = 1.0, default
    elif qty.unit is None:
        value, unit = qty.value, default
        if product is None and qty.text.endswith("打"):
            unit = DOZEN_UNIT
    else:
        value, unit = qty.value, qty.unit
    name = product.name if product else match.text
    return _shared_item(name, value, unit, product is not None, written if fuzzy else None)


@lru_cache(maxsize=65536)
def _shared_item(name: str, value: float, unit: str, matched: bool, written: str | None) -> Item:
    # Items are frozen, and a long post orders the same few hundred of them again and
    # again: one object each saves both the time and the memory.
    if written is not None:
        return FuzzyItem(name, plain_number(value), unit, matched, written)
    return Item(name, plain_number(value), unit, matched)


def _single_item(single: SingleProduct, qty: Quantity | None) -> Item:
    value = qty.value if qty else 1.0
    unit = qty.unit if qty and qty.unit else single.unit
    return _shared_item(single.name, value, unit, single.product is not None, None)
