"""The product catalog as the parser sees it: names and aliases to canonical products.

Matching, in order: the whole text is a name or alias; the text is several names
run together (`苹果香蕉`); a slip of the keyboard (a homophone such as `土逗`, or one
wrong character in a name of three or more characters), which is marked fuzzy so
that a person confirms it; a known name at the end after other words (`新鲜茼蒿`).
Single-character aliases (`肉`, `蛋`, `米`) only ever match whole, because inside a
longer word they are another food: `羊肉` is not 猪肉 and `小米` is not 大米.
"""

import csv
import importlib.util
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from linli.groupbuy.jielong.numbers import CN_NUMERAL_CHARS

# Longer than any product name; past this a "name" is a sentence, not a product.
MAX_NAME = 24
_CJK = re.compile(r"^[\u3400-\u9fff]+$")


@dataclass(frozen=True, slots=True)
class CatalogProduct:
    name: str
    unit: str
    aliases: tuple[str, ...] = ()
    category: str = ""
    price: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """One product read from the text: `product` is None when the catalog has no
    such product, and `text` is what the resident wrote."""

    product: CatalogProduct | None
    text: str
    fuzzy: bool = False


@dataclass(frozen=True, slots=True)
class Resolution:
    matches: tuple[Match, ...]
    # Words before a product that is matched at the end of the text (`新鲜` in
    # `新鲜茼蒿`, or a name run into the product: `黄彬茼蒿`).
    prefix: str = ""


class CatalogError(ValueError):
    """A bad row in a catalog CSV; `code` says what is wrong (see catalog_io)."""

    def __init__(self, line: int, code: str, value: str = ""):
        super().__init__(f"line {line}: {code} {value}".strip())
        self.line, self.code, self.value = line, code, value


def normalize_name(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


@dataclass
class _FuzzyIndex:
    by_pinyin: dict = field(default_factory=dict)
    by_one_wrong: dict = field(default_factory=dict)


class Catalog:
    def __init__(self, products=()):
        self.products = tuple(sorted(products, key=lambda p: p.name))
        self._alias: dict[str, CatalogProduct] = {}
        # Canonical names first, so that a name never loses to another's alias.
        for product in self.products:
            self._alias.setdefault(normalize_name(product.name), product)
        for product in self.products:
            for alias in product.aliases:
                self._alias.setdefault(normalize_name(alias), product)
        self._alias.pop("", None)
        self.max_len = max(map(len, self._alias), default=0)
        numeric = sorted(
            (a for a in self._alias if any(c.isdigit() or c in CN_NUMERAL_CHARS for c in a)),
            key=len,
            reverse=True,
        )
        self._numeric = re.compile("|".join(map(re.escape, numeric))) if numeric else None
        self._fuzzy_index: _FuzzyIndex | None = None
        self.resolve = lru_cache(maxsize=65536)(self._resolve)
        # The parser's memo of text chunks already read against this catalog, and of
        # the items a word with its quantity gives (tokens.py, entry.py).
        self.memo: dict = {}
        self.item_memo: dict = {}

    def __bool__(self):
        return bool(self._alias)

    def __len__(self):
        return len(self.products)

    # --- plain lookups -------------------------------------------------------------

    def exact(self, text: str) -> CatalogProduct | None:
        return self._alias.get(text)

    def longest_at(self, text: str, pos: int, min_len: int = 1) -> str | None:
        """The longest alias that starts at pos, at least min_len long."""
        for size in range(min(self.max_len, len(text) - pos), min_len - 1, -1):
            piece = text[pos : pos + size]
            if piece in self._alias:
                return piece
        return None

    def numeric_alias_spans(self, text: str) -> list[tuple[int, int]]:
        """Where names with digits in them (`84消毒液`, `75%酒精`, `五花肉`) stand, so
        that their digits are not read as quantities."""
        if self._numeric is None:
            return []
        return [m.span() for m in self._numeric.finditer(text)]

    def products_in(self, text: str) -> list[CatalogProduct]:
        """Products named anywhere in the text by a name of two or more characters."""
        found, pos = [], 0
        while pos < len(text):
            alias = self.longest_at(text, pos, 2) if self._alias else None
            if alias:
                if self._alias[alias] not in found:
                    found.append(self._alias[alias])
                pos += len(alias)
            else:
                pos += 1
        return found

    # --- resolution ---------------------------------------------------------------

    def _resolve(self, text: str, allow_single: bool = False) -> Resolution:
        """What products the text names (see the module's docstring for the order)."""
        product = self._alias.get(text)
        if product is not None:
            return Resolution((Match(product, text),))
        if not self._alias or len(text) > MAX_NAME:
            return Resolution((Match(None, text),))
        pieces = self._cover(text, 1 if allow_single else 2)
        if pieces:
            return Resolution(tuple(Match(self._alias[p], p) for p in pieces))
        product = self.fuzzy(text)
        if product is not None:
            return Resolution((Match(product, text, fuzzy=True),))
        for size in range(min(self.max_len, len(text) - 1), 1, -1):
            product = self._alias.get(text[-size:])
            if product is not None:
                return Resolution((Match(product, text[-size:]),), prefix=text[:-size])
        return Resolution((Match(None, text),))

    def _cover(self, text: str, min_len: int) -> list[str] | None:
        """Split the text wholly into two or more names, or None."""
        best: list[list[str] | None] = [None] * (len(text) + 1)
        best[0] = []
        for start in range(len(text)):
            if best[start] is None:
                continue
            top = min(self.max_len, len(text) - start)
            for size in range(top, min_len - 1, -1):
                piece = text[start : start + size]
                if piece in self._alias and best[start + size] is None:
                    best[start + size] = best[start] + [piece]
        pieces = best[len(text)]
        return pieces if pieces and len(pieces) > 1 else None

    # --- fuzzy ----------------------------------------------------------------------

    def fuzzy(self, text: str) -> CatalogProduct | None:
        """The one product the text is a keyboard slip of, or None (also when two
        products fit equally, since then a guess would be a coin toss)."""
        if len(text) < 2 or len(text) > self.max_len or not _CJK.match(text):
            return None
        index = self._fuzzy()
        candidates = set()
        for key in _pinyin_keys(text):
            candidates.update(index.by_pinyin.get(key, ()))
        if len(text) >= 3:
            for i in range(len(text)):
                candidates.update(index.by_one_wrong.get(text[:i] + "\0" + text[i + 1 :], ()))
        if len(candidates) == 1:
            return candidates.pop()
        return None

    def _fuzzy(self) -> _FuzzyIndex:
        if self._fuzzy_index is None:
            index = _FuzzyIndex()
            for alias, product in self._alias.items():
                if len(alias) < 2 or not _CJK.match(alias):
                    continue
                key = tuple(_readings(c)[0] for c in alias)
                index.by_pinyin.setdefault(key, set()).add(product)
                if len(alias) >= 3:
                    for i in range(len(alias)):
                        key = alias[:i] + "\0" + alias[i + 1 :]
                        index.by_one_wrong.setdefault(key, set()).add(product)
            self._fuzzy_index = index
        return self._fuzzy_index


def _pinyin_keys(text: str) -> list[tuple[str, ...]]:
    """The toneless pinyin a keyboard could have typed the text from: each of its
    characters' readings (a few at most), or only the usual ones if that explodes."""
    readings = [_readings(c) for c in text]
    keys = [()]
    for options in readings:
        keys = [key + (option,) for key in keys for option in options]
        if len(keys) > 64:
            return [tuple(r[0] for r in readings)]
    return keys


@lru_cache(maxsize=65536)
def _readings(char: str) -> tuple[str, ...]:
    """Toneless readings of one character, usual one first (`土`: tu, du, cha)."""
    raw = _pinyin_table().get(str(ord(char)))
    if not raw:
        return (char,)
    found = []
    for reading in raw.split(","):
        reading = reading.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
        reading = reading.replace("ǚ", "v").replace("ǜ", "v")
        plain = "".join(c for c in unicodedata.normalize("NFD", reading) if c.isascii())
        if plain and plain not in found:
            found.append(plain)
    return tuple(found) or (char,)


@lru_cache(maxsize=1)
def _pinyin_table() -> dict:
    # pypinyin's per-character table, read directly: importing pypinyin itself also
    # loads its phrase dictionary (about 50 MB), which a homophone check never needs.
    spec = importlib.util.find_spec("pypinyin")
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError:  # a pypinyin that keeps its table elsewhere: the slow, sure way
        from pypinyin.pinyin_dict import pinyin_dict

        return {str(code): readings for code, readings in pinyin_dict.items()}


# --- CSV ----------------------------------------------------------------------------

_HEADERS = {
    "name": "name", "名称": "name", "商品": "name", "品名": "name",
    "aliases": "aliases", "别名": "aliases",
    "unit": "unit", "单位": "unit",
    "category": "category", "分类": "category", "类别": "category",
    "price": "price", "价格": "price", "单价": "price",
}  # fmt: skip


def read_catalog_csv(text: str) -> list[CatalogProduct]:
    """Rows of `name,aliases,unit,category,price` (aliases split by `|`).

    Raises CatalogError naming the line: a missing name or unit, a bad price, a
    name given twice, or no header."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    columns = [_HEADERS.get(normalize_name(h).lower()) for h in header or []]
    if "name" not in columns or "unit" not in columns:
        raise CatalogError(1, "header")
    products, seen = [], set()
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {col: normalize_name(v) for col, v in zip(columns, row, strict=False) if col}
        name, unit = cells.get("name", ""), cells.get("unit", "")
        if not name:
            raise CatalogError(line, "name")
        if not unit:
            raise CatalogError(line, "unit", name)
        if name in seen:
            raise CatalogError(line, "duplicate", name)
        seen.add(name)
        price = None
        if cells.get("price"):
            try:
                price = Decimal(cells["price"])
            except InvalidOperation:
                raise CatalogError(line, "price", cells["price"]) from None
            if not price.is_finite() or price < 0:
                raise CatalogError(line, "price", cells["price"])
        aliases = []
        for alias in cells.get("aliases", "").split("|"):
            alias = normalize_name(alias)
            if alias and alias != name and alias not in aliases:
                aliases.append(alias)
        products.append(
            CatalogProduct(name, unit, tuple(aliases), cells.get("category", ""), price)
        )
    return products
