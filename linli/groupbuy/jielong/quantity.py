"""Quantities in an entry: `3斤`, `三斤`, `半斤`, `一斤半`, `1斤2两`, `二两`, `250g`,
`1kg`, `一打`, `x3`, `*3`, `×3`, `２个`.

A quantity's value is in 斤 when it is a weight, else in the unit written; `unit`
is None when none was written (or for 一打), meaning the product's default unit.
"""

import re
from dataclasses import dataclass

from linli.groupbuy.jielong.numbers import quantity_number
from linli.groupbuy.jielong.units import DOZEN, JIN, canonical, to_jin, unit_pattern

_ARABIC = r"[0-9]{1,7}(?:\.[0-9]{1,4})?"
_CHINESE = "[零〇一二三四五六七八九十百千]{1,6}|两|俩|半"
_UNIT = unit_pattern()
# A range (`2-3斤`, `两到三斤`) counts as its upper end: better one too many.
QUANTITY = re.compile(
    rf"(?P<mult>[xX×*]\s*)?(?P<num>{_ARABIC}|{_CHINESE})(?:\s*[-~到至]\s*(?P<upper>{_ARABIC}|{_CHINESE}))?"
    rf"(?:\s*(?P<unit>{_UNIT}))?(?P<half>半)?"
    r"(?:(?P<liang>[0-9]{1,2}|[一二三四五六七八九])\s*两)?"
)
_CJK = re.compile(r"[\u3400-\u9fff]")


# Compared and hashed as itself (eq=False): the parser keys its memo of items on
# the quantity objects of its cached chunks, which a hash of every field would slow.
@dataclass(slots=True, eq=False)
class Quantity:
    value: float
    unit: str | None  # None: the product's default unit
    text: str
    start: int
    end: int
    multiplier: bool = False  # x3: "three of them"


def read_quantity(m: re.Match, text: str, starts_alias) -> Quantity | None:
    """The quantity a QUANTITY match stands for, or None when it is not one.

    A Chinese numeral with no unit is only a number standing apart (`土豆 三`), never
    touching a word (`张三`, `三文鱼`, `十三香`, `一次性口罩`). A one-character unit that starts
    a product name is the product's (`1包菜` is one 包菜, `2排骨` two of 排骨), unless
    what follows the unit is itself a product (`2卷纸`: two rolls of 纸).
    `starts_alias(pos, min_len)` says whether a product name at least that long
    starts at pos.
    """
    num, unit = m.group("upper") or m.group("num"), m.group("unit")
    at = m.start("unit")
    if unit and len(unit) == 1 and starts_alias(at, 2) and not starts_alias(at + 1, 1):
        unit = None
    if unit == "两" and at > m.end("num"):
        unit = None  # `张三 两盒`: 两 after a space is the number two, not a tenth of a 斤
    value = quantity_number(num)
    if value is None:
        return None
    if unit is None:
        end = m.end("upper") if m.group("upper") else m.end("num")
        bare_chinese = not num[0].isdigit() and num != "俩" and not m.group("mult")
        # Touching a word on either side, a bare Chinese numeral is part of it: 张三,
        # 李四 and 王五 are people, 三文鱼 and 十三香 are food.
        touching = _CJK.match(text, end) or (m.start() > 0 and _CJK.match(text, m.start() - 1))
        if bare_chinese and touching:
            return None
        return Quantity(value, None, text[m.start() : end], m.start(), end, bool(m.group("mult")))
    end = m.end("unit")
    if m.group("half"):
        value += 0.5
        end = m.end("half")
    unit = canonical(unit)
    jin = to_jin(unit)
    if jin is not None:
        value *= jin
        if m.group("liang") and jin == 1.0 and not m.group("half"):
            value += (quantity_number(m.group("liang")) or 0) * 0.1
            end = m.end()
        unit = JIN
    elif unit == DOZEN:
        value, unit = value * 12, None
    return Quantity(value, unit, text[m.start() : end], m.start(), end, bool(m.group("mult")))
