"""Which word of an entry is the resident's name, and which word each quantity
belongs to.

A quantity belongs to the word it touches: `土豆3斤` and `三斤土豆` both give 土豆
3 斤, `葱2把蒜1斤` gives two items, and with spaces on both sides the word before
it wins unless that word already has its quantity (`三斤 土豆 两颗 白菜`).

The kinds of an entry's tokens are also one string (`AWTWQTSTQ`), so that finding
the next quantity or the word before one is a str method in C, not a Python loop.
"""

from dataclasses import dataclass, field

from linli.groupbuy.jielong.catalog import Catalog
from linli.groupbuy.jielong.names import SURNAMES, is_plain_name, is_strong_name
from linli.groupbuy.jielong.tokens import TEXT


@dataclass(slots=True)
class State:
    kinds: str  # one letter per token
    bound: dict = field(default_factory=dict)  # word index -> index of its quantity
    each: set = field(default_factory=set)  # words bound through 各
    name_at: int | None = None  # the word that is the resident's name
    text_of: dict | None = None  # a word's text when a name was cut off its front


def _previous(kinds: str, i: int) -> int | None:
    """Index of the nearest token before i that is not a space, or None."""
    i -= 1
    while i >= 0 and kinds[i] == "W":
        i -= 1
    return i if i >= 0 else None


def _next(kinds: str, i: int) -> int | None:
    i += 1
    while i < len(kinds) and kinds[i] == "W":
        i += 1
    return i if i < len(kinds) else None


def _touches_quantity(kinds: str, i: int) -> bool:
    return (i > 0 and kinds[i - 1] == "Q") or kinds[i + 1 : i + 2] == "Q"


def take_name(tokens: list, state: State, catalog: Catalog, single) -> str | None:
    """Find the resident's name: beside the address, else first, else last."""
    kinds = state.kinds
    content = kinds.lstrip("WS")  # spaces and separators are not content
    if not content:
        return None
    first, last = len(kinds) - len(content), len(kinds.rstrip("WS")) - 1
    a = kinds.find("A")
    # (token, beside): beside the address or first in the entry, where only a name
    # stands; elsewhere a word needs a name's shape (a surname) to be one.
    candidates = []
    if a >= 0:
        before, after = _previous(kinds, a), _next(kinds, a)
        side = [before, after] if before == first else [after, before]
        candidates += [(i, True) for i in side if i is not None]
    else:
        candidates.append((first, True))
    candidates.append((last, False))
    for i, beside in candidates:
        if kinds[i] == "T":
            name = _as_name(tokens, i, state, catalog, single, beside)
            if name:
                return name
    return None


def _as_name(tokens, i, state: State, catalog: Catalog, single, beside: bool) -> str | None:
    kinds = state.kinds
    word = tokens[i][TEXT]
    nxt = _next(kinds, i)
    next_kind = kinds[nxt] if nxt is not None else None
    if next_kind == "G":  # 苹果香蕉各2斤: products, not a name
        return None
    resolution = catalog.resolve(word)
    first = resolution.matches[0]
    if resolution.prefix and is_strong_name(resolution.prefix):
        # 黄彬茼蒿2斤: a name run into the product
        state.text_of = {i: first.text}
        return resolution.prefix
    name = None
    if first.product is not None and not first.fuzzy:
        # `9-1-201 姜 土豆2斤`: a surname that is also a product, beside the address
        # and followed by the order, is the resident's name.
        followed = next_kind in ("T", "G") and not _touches_quantity(kinds, i)
        if beside and len(word) == 1 and word in SURNAMES and followed:
            name = word
    elif first.fuzzy or resolution.prefix:
        name = word if is_strong_name(word) else None
    elif _touches_quantity(kinds, i):
        # 王霞1箱 in a post that sells one thing
        name = word if single is not None and is_strong_name(word) else None
    elif next_kind == "Q" or not beside:
        name = word if is_strong_name(word) else None
    else:
        name = word if is_plain_name(word) else None
    if name is not None:
        state.name_at = i
    return name


def pair(tokens: list, state: State) -> list[int]:
    """Give each quantity to its word (see the module's docstring); the quantities
    that found none."""
    kinds, bound, name_at = state.kinds, state.bound, state.name_at
    size = len(kinds)
    orphans = []
    i = kinds.find("Q")
    while i >= 0:
        p = i - 1  # the nearest token before that is not a space
        while p >= 0 and kinds[p] == "W":
            p -= 1
        if p >= 0 and kinds[p] == "G":
            if not _pair_each(tokens, state, p, i):
                orphans.append(i)
            i = kinds.find("Q", i + 1)
            continue
        n = i + 1  # and after
        while n < size and kinds[n] == "W":
            n += 1
        left = p if p >= 0 and kinds[p] == "T" and p != name_at and p not in bound else None
        right = n if n < size and kinds[n] == "T" and n != name_at and n not in bound else None
        if left is not None and right is not None:
            touch_left, touch_right = left == i - 1, right == i + 1
            target = right if touch_right and not touch_left else left
        else:
            target = left if left is not None else right
        if target is not None:
            bound[target] = i
        else:
            orphans.append(i)
        i = kinds.find("Q", i + 1)
    return orphans


def _pair_each(tokens: list, state: State, g: int, q: int) -> bool:
    """A+B+C各2斤: every word back to the last quantity gets the quantity. False
    when there is none."""
    found = False
    for j in range(g - 1, -1, -1):
        kind, text, _ = tokens[j]
        if kind == "T" and j != state.name_at:
            if j in state.bound:
                break
            state.bound[j] = q
            state.each.add(j)
            found = True
        elif kind not in "WS" or text == "\n":
            break
    return found
