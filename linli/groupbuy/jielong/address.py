"""Addresses in an entry: `9-1-201`, `9栋1单元201`, `9号楼1单元201室`, `11#208`,
`B3-1-502`, `十号楼二单元1101`, `九栋一单元六零一`, `11栋208李` (name touching)."""

import re
from dataclasses import dataclass
from functools import lru_cache

from linli.groupbuy.jielong.numbers import cn_to_int
from linli.groupbuy.jielong.units import WEIGHT_IN_JIN, unit_pattern


@dataclass(frozen=True, slots=True)
class Address:
    building: str | None
    unit: str | None
    room: str | None

    def as_dict(self) -> dict:
        return {"building": self.building, "unit": self.unit, "room": self.room}


_START = r"(?<![0-9A-Za-z.])"
_CN_BUILDING = "[零〇一二三四五六七八九十]{1,3}"
_BUILDING = rf"(?:[A-Za-z]?[0-9]{{1,4}}[A-Za-z]?|[A-Za-z]|{_CN_BUILDING})"
_BUILDING_MARK = r"(?:号楼|栋楼|栋|幢|座|号|楼|#)"
_UNIT = "(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})"
_DASH = r"\s*[-–—/]\s*"
# A room is never a quantity: in `11栋 20个鸡蛋` the 20 belongs to the eggs, and in
# `11栋 250g` the 250. But three or more digits before a counting word are a room
# (`1-1-101 包菜1颗`: nobody orders a hundred and one bags). 两 is a unit after a
# number (`20两`) but not in `201 两斤土豆`, where it is the number two.
_ANY_UNIT = unit_pattern(without=("两",))
_WEIGHT = unit_pattern(only=tuple(u for u in WEIGHT_IN_JIN if u != "两"))
_NOT_LIANG = rf"(?!\s*两(?!\s*(?:{unit_pattern()})))"
_ROOM = (
    rf"(?:(?:[0-9]{{3,5}}|[零〇一二三四五六七八九幺]{{3,4}})(?![0-9.])(?!\s*(?:{_WEIGHT})){_NOT_LIANG}"
    rf"|[0-9]{{2}}(?![0-9.])(?!\s*(?:{_ANY_UNIT})){_NOT_LIANG})"
)
_ROOM_SUFFIX = r"(?:\s*(?:室|号|房))?"

# The forms, most specific first: at one starting place the first that fits wins.
_FORMS = [
    rf"(?P<b1>{_BUILDING})\s*{_BUILDING_MARK}\s*"
    rf"(?:(?P<u1>{_UNIT})\s*(?:单元|门|-)\s*)?"
    rf"(?:(?P<r1>{_ROOM}){_ROOM_SUFFIX})?",
    rf"(?P<b2>[A-Za-z]?[0-9]{{1,4}}[A-Za-z]?){_DASH}(?P<u2>[0-9]{{1,2}}){_DASH}"
    rf"(?P<r2>{_ROOM}){_ROOM_SUFFIX}",
    rf"(?P<b3>[A-Za-z]?[0-9]{{1,4}}[A-Za-z]?){_DASH}(?P<r3>(?=[0-9]{{3}}){_ROOM}){_ROOM_SUFFIX}",
    rf"(?P<u4>{_UNIT})\s*单元\s*(?P<r4>{_ROOM}){_ROOM_SUFFIX}",
    r"(?P<r5>[0-9]{3,5})\s*(?:室|房)",
]
# Every form starts with a letter or a digit: the look-ahead lets the search skip, in
# C, the rest of the text (names, products) instead of trying each form there.
_ADDRESS = re.compile(
    "(?=[0-9A-Za-z零〇一二三四五六七八九十])"
    + _START
    + "(?:"
    + "|".join(f"(?:{form})" for form in _FORMS)
    + ")"
)


# Something that could start an address: a number then a building mark, dash or 单元.
_HINT = re.compile(
    r"[0-9A-Za-z零〇一二三四五六七八九十]\s*(?:[-–—/栋幢座号楼#]|单元)|[0-9]\s*[室房]"
)


def _digits(text: str | None) -> str | None:
    if not text:
        return None
    if text.isascii():
        return text.upper()
    value = cn_to_int(text.replace("幺", "一"))
    return None if value is None else str(value)


@lru_cache(maxsize=65536)
def _address(building: str | None, unit: str | None, room: str | None) -> Address:
    # One object per distinct address: a long paste repeats them, and they are frozen.
    return Address(_digits(building), _digits(unit), _digits(room))


def find_address(text: str, pos: int = 0) -> tuple[Address, int, int] | None:
    """The first address in the text (from pos) with its span, or None."""
    m = _ADDRESS.search(text, pos)
    if m is None:
        return None
    g = m.groups()
    # Groups come in form order: b1 u1 r1 | b2 u2 r2 | b3 r3 | u4 r4 | r5.
    address = _address(
        g[0] or g[3] or g[6], g[1] or g[4] or g[8], g[2] or g[5] or g[7] or g[9] or g[10]
    )
    # A form may swallow spaces after the room; the span is the address itself.
    end = m.start() + len(m.group().rstrip())
    return address, m.start(), end


def find_addresses(text: str) -> list[tuple[Address, int, int]]:
    """Every address in the text, left to right, without overlaps."""
    found, pos = [], 0
    while (hit := find_address(text, pos)) is not None:
        found.append(hit)
        pos = hit[2]
        # The full pattern is slow to fail; most entries have nothing like a second one.
        if not _HINT.search(text, pos):
            break
    return found
