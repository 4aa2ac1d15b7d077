"""One entry (`9-1-201 黄彬 茼蒿2斤 土豆3斤`) read into address, name, items, note.

The text is cut into tokens: quantities (Q), words (T), separators (strong S:
`，、；+和` and new lines; weak W: spaces), 各 (G) and the address (A). A quantity
then belongs to the word it touches: `土豆3斤` and `三斤土豆` both give 土豆 3 斤,
`葱2把蒜1斤` gives two items, and with spaces on both sides the word before it wins
unless that word already has its quantity (`三斤 土豆 两颗 白菜`).
"""

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import ClassVar

from linli.groupbuy.jielong.address import Address, find_addresses
from linli.groupbuy.jielong.catalog import Catalog, CatalogProduct, Match
from linli.groupbuy.jielong.names import SURNAMES, is_plain_name, is_strong_name
from linli.groupbuy.jielong.numbers import plain_number
from linli.groupbuy.jielong.quantity import QUANTITY, Quantity, read_quantity
from linli.groupbuy.jielong.units import unit_pattern

GENERIC_UNIT = "份"  # for a product the catalog does not know, when none is written
DOZEN_UNIT = "个"

_NOTE = re.compile(r"\(([^()\n]*)(?:\)|$)|【([^【】\n]*)(?:】|$)|\[([^\[\]\n]*)(?:\]|$)")
_PHONE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
# The tell-tale characters of notes, money, totals and phone numbers. The 元 of 单元
# (an address) is none: _MONEY needs a digit or a space before its 元. The look-ahead
# lets the search skip, in C, every character that cannot start one of them.
_RARE = re.compile(
    r"(?=[()\[\]【】元¥钱rR共合总1])"
    r"(?:(?P<bracket>[()\[\]【】])|(?P<money>(?<!单)元|[¥钱]|rmb|RMB)|(?P<total>共|合计|总计)"
    r"|(?P<phone>(?<![0-9])1[3-9][0-9]{9}(?![0-9])))"
)
# A total the resident adds up (`共5斤`) is not another item.
_TOTAL = re.compile(
    r"(?:一共|共计|合计|总共|总计|共)\s*[0-9一二两三四五六七八九十]+(?:\.[0-9]+)?\s*\w?"
)
_MONEY = re.compile(
    r"(?:已付款?|已转账?|已支付|付款|共计|合计|总计|总共|一共|共)?\s*"
    r"(?:¥\s*[0-9]+(?:\.[0-9]+)?(?:\s*元)?|[0-9]+(?:\.[0-9]+)?\s*(?:元|块钱|rmb|RMB))"
)
_S = r"[,;+/|。!?、\n]+|和"
_W = r"[\s\-~_:=…'\"“”‘’.]+"
_G = "各|每样|每种"
# Everything that cannot start another token; a lone character otherwise.
_T = r"[^0-9零〇一二三四五六七八九十百千两俩半xX×*,;+/|。!?、\n和\s\-~_:=…'\"“”‘’.各每]+"
# Words first: their class excludes every character that can start another token.
# Spaces that cannot sit inside a token (`2 斤`, `x 3`, `2 - 3斤` keep theirs).
# Strong separators never sit inside a token either.
_CHUNK_BREAK = re.compile(rf"((?<![xX×*\-~到至])\s+(?![-~到至]|{unit_pattern()})|[,;+/|。!?、\n]+)")
_TOKEN = re.compile(
    rf"(?P<T>{_T})|(?P<Q>{QUANTITY.pattern})|(?P<S>{_S})|(?P<W>{_W})|(?P<G>{_G})|(?P<X>.)"
)
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")
_LEAD_IN = re.compile(
    r"^(?:我要|我想要|想要|需要|还要|再要|另要|再来|另外|帮我|给我|我买|购买|预订|预定|订购|买|要|来|订|拿|加)+"
)
_TRAILING = re.compile(r"(?:吧|哦|哈|啊|呀|呢|啦|嘛|噢|喔|谢谢|谢了|哈哈)+$")


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


# A token is a tuple (kind, text, quantity): kinds Q T S W G A. Tuples come straight
# from the chunk cache; what an entry's reading changes lives in _State. The kinds
# of an entry's tokens are also one string (`AWTWQTSTQ`), so that finding the next
# quantity or the word before one is a str method in C, not a Python loop.
_KIND, _TEXT, _QTY = 0, 1, 2


@dataclass(slots=True)
class _State:
    kinds: str  # one letter per token
    bound: dict = field(default_factory=dict)  # word index -> index of its quantity
    each: set = field(default_factory=set)  # words bound through 各
    name_at: int | None = None  # the word that is the resident's name
    text_of: dict | None = None  # a word's text when a name was cut off its front


def parse_entry(
    seq: int, text: str, written, catalog: Catalog, single: SingleProduct | None = None
) -> Entry:
    """Read one entry; text is clean (text.clean_line). written() gives the entry as
    the resident wrote it, which only an entry without items needs."""
    notes, unparsed = [], []
    if _RARE.search(text) is not None:  # most entries have none of these
        text = _set_aside(text, notes)

    tokens: list[tuple] = []
    address = None
    pos = 0
    for i, (found, start, end) in enumerate(find_addresses(text)):
        _tokenize(text[pos:start], catalog, tokens)
        if i == 0:
            address = found
            tokens.append(("A", text[start:end], None))
        else:  # a second address is not read as quantities; a person looks at it
            unparsed.append(text[start:end])
            tokens.append(("S", text[start:end], None))
        pos = end
    _tokenize(text[pos:], catalog, tokens)

    state = _State("".join([t[_KIND] for t in tokens]))
    name = _take_name(tokens, state, catalog, single)
    orphans = _pair(tokens, state)
    items = _items(tokens, state, catalog, unparsed)
    if single is not None and not items:
        items = [_single_item(single, tokens[i][_QTY]) for i in orphans]
        orphans = []
        if not items and not unparsed and (address or name):
            items.append(_single_item(single, None))
    if orphans:
        unparsed += [tokens[i][_TEXT] for i in orphans]
    if not items:
        raw = written().strip()
        unparsed = [raw] if raw else []
    return Entry(seq, address, name, tuple(items), "；".join(notes), tuple(unparsed))


def _set_aside(text: str, notes: list) -> str:
    """Notes in brackets, phone numbers, money and totals, moved from the text to
    the notes (each rewrite only where its tell-tale characters are)."""
    rare = {m.lastgroup for m in _RARE.finditer(text)}
    if "bracket" in rare:
        text = _NOTE.sub(lambda m: _keep(notes, m.group(1) or m.group(2) or m.group(3)), text)
        text = text.replace(")", " ").replace("】", " ").replace("]", " ")
    if "phone" in rare:
        text = _PHONE.sub(lambda m: _keep(notes, m.group()), text)
    if "money" in rare:
        text = _MONEY.sub(lambda m: _keep(notes, m.group()), text)
    if "total" in rare:
        text = _TOTAL.sub(lambda m: _keep(notes, m.group()), text)
    return text


def _keep(bucket: list, text: str | None) -> str:
    text = (text or "").strip()
    if text:
        bucket.append(text)
    return " "


def _tokenize(text: str, catalog: Catalog, tokens: list) -> None:
    """Append the text's tokens. Most of a post is the same few dozen chunks
    (`土豆2斤`, `鸡蛋10个`), so each chunk is read once per catalog and cached, with
    whether it holds a bare multiplier (`x3`) that may join the quantity before it."""
    if not text:  # the text before an address that opens the entry
        return
    cache = catalog.memo
    if len(cache) > 20_000:  # a bound on memory; the common chunks come back at once
        cache.clear()
    for chunk in _CHUNK_BREAK.split(text):
        if not chunk:
            continue
        known = cache.get(chunk)
        if known is None:
            known = cache[chunk] = _read_chunk(chunk, catalog)
        specs, multiplies = known
        if not multiplies:
            tokens += specs
            continue
        for spec in specs:
            qty = spec[_QTY]
            if qty is not None and qty.multiplier and qty.unit is None:
                p = len(tokens) - 1
                while p >= 0 and tokens[p][_KIND] == "W":
                    p -= 1
                if p >= 0 and tokens[p][_KIND] == "Q":
                    # 2斤x3: three times two 斤
                    prev = tokens[p]
                    merged = replace(prev[_QTY], value=prev[_QTY].value * qty.value)
                    tokens[p] = ("Q", prev[_TEXT] + spec[_TEXT], merged)
                    continue
            tokens.append(spec)


def _read_chunk(text: str, catalog: Catalog) -> tuple[tuple, bool]:
    """The tokens of a chunk of text without spaces that could join two tokens
    (see _CHUNK_BREAK), and whether one is a bare multiplier."""
    if text.isspace() and "\n" not in text:
        return (("W", text, None),), False
    specs = []
    protected = catalog.numeric_alias_spans(text)

    def starts_alias(p: int, min_len: int) -> bool:
        return catalog.longest_at(text, p, min_len) is not None

    def flush():
        if word:
            specs.append(_word("".join(word)))
            word.clear()

    word: list[str] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        kind, pos = m.lastgroup, m.end()
        if kind == "T" or kind == "X":
            word.append(m.group())
            continue
        if kind != "Q":
            flush()
            specs.append((kind, m.group(), None))
            continue
        q = None
        if not protected or not any(a < m.end() and m.start() < b for a, b in protected):
            q = read_quantity(m, text, starts_alias)
        if q is None:  # 张三, 三文鱼, 84消毒液: a numeral inside a word
            pos = m.end("num")
            word.append(text[m.start() : pos])
            continue
        flush()
        specs.append(("Q", q.text, q))
        pos = q.end  # what follows a dropped unit (2排骨) is read again
    flush()
    multiplies = any(q is not None and q.multiplier and q.unit is None for _, _, q in specs)
    return tuple(specs), multiplies


def _word(text: str) -> tuple:
    """A word without edge punctuation and lead-in words (要, 来, 买 …); a word that
    is only a lead-in is a space."""
    word = _TRAILING.sub("", _EDGE_PUNCT.sub("", text))
    stripped = _LEAD_IN.sub("", word)
    if stripped != word:
        word = _EDGE_PUNCT.sub("", stripped)
    return ("T", word, None) if word else ("W", text, None)


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


def _take_name(tokens: list, state: _State, catalog: Catalog, single) -> str | None:
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


def _as_name(tokens, i, state: _State, catalog: Catalog, single, beside: bool) -> str | None:
    kinds = state.kinds
    word = tokens[i][_TEXT]
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


def _pair(tokens: list, state: _State) -> list[int]:
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


def _pair_each(tokens: list, state: _State, g: int, q: int) -> bool:
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


def _items(tokens: list, state: _State, catalog: Catalog, unparsed: list) -> list[Item]:
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
        text = text_of.get(i, tokens[i][_TEXT]) if text_of else tokens[i][_TEXT]
        q = bound.get(i)
        key = (text, i in each_of, None if q is None else tokens[q][_QTY])
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
