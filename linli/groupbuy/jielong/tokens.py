"""An entry's text cut into tokens: quantities (Q), words (T), separators (strong S:
`，、；+和` and new lines; weak W: spaces), 各 (G) and the address (A, added by
entry.parse_entry).

A token is a tuple (kind, text, quantity). Tuples come straight from the chunk
cache, so nothing changes them; what reading an entry learns lives in
pairing.State.
"""

import re
from dataclasses import replace

from linli.groupbuy.jielong.catalog import Catalog
from linli.groupbuy.jielong.quantity import QUANTITY, read_quantity
from linli.groupbuy.jielong.units import unit_pattern

KIND, TEXT, QTY = 0, 1, 2  # the fields of a token

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


def tokenize(text: str, catalog: Catalog, tokens: list) -> None:
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
            qty = spec[QTY]
            if qty is not None and qty.multiplier and qty.unit is None:
                p = len(tokens) - 1
                while p >= 0 and tokens[p][KIND] == "W":
                    p -= 1
                if p >= 0 and tokens[p][KIND] == "Q":
                    # 2斤x3: three times two 斤
                    prev = tokens[p]
                    merged = replace(prev[QTY], value=prev[QTY].value * qty.value)
                    tokens[p] = ("Q", prev[TEXT] + spec[TEXT], merged)
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
