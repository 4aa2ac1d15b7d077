"""Addresses in an entry: `9-1-201`, `9栋1单元201`, `9号楼1单元201室`, `11#208`,
`B3-1-502`, `十号楼二单元1101`, `九栋一单元六零一`, `11栋208李` (name touching)."""

import re
from dataclasses import dataclass

from linli.groupbuy.jielong.numbers import cn_to_int
from linli.groupbuy.jielong.units import unit_pattern


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
_ROOM = "(?:[0-9]{2,5}|[零〇一二三四五六七八九幺]{3,4})"
_DASH = r"\s*[-–—/]\s*"
# A room is never a quantity: in `11栋 20个鸡蛋` the 20 belongs to the eggs.
_NOT_QUANTITY = rf"(?![0-9.])(?!\s*(?:{unit_pattern()}))"
_ROOM_SUFFIX = r"(?:\s*(?:室|号|房))?"

_PATTERNS = [
    re.compile(
        rf"{_START}(?P<b>{_BUILDING})\s*{_BUILDING_MARK}\s*"
        rf"(?:(?P<u>{_UNIT})\s*(?:单元|门|-)\s*)?"
        rf"(?:(?P<r>{_ROOM}){_NOT_QUANTITY}{_ROOM_SUFFIX})?"
    ),
    re.compile(
        rf"{_START}(?P<b>[A-Za-z]?[0-9]{{1,4}}[A-Za-z]?){_DASH}(?P<u>[0-9]{{1,2}}){_DASH}"
        rf"(?P<r>[0-9]{{2,5}}){_NOT_QUANTITY}{_ROOM_SUFFIX}"
    ),
    re.compile(
        rf"{_START}(?P<b>[A-Za-z]?[0-9]{{1,4}}[A-Za-z]?){_DASH}"
        rf"(?P<r>[0-9]{{3,5}}){_NOT_QUANTITY}{_ROOM_SUFFIX}"
    ),
    re.compile(rf"{_START}(?P<u>{_UNIT})\s*单元\s*(?P<r>{_ROOM}){_NOT_QUANTITY}{_ROOM_SUFFIX}"),
    re.compile(rf"{_START}(?P<r>[0-9]{{3,5}})\s*(?:室|房)"),
]


def _digits(text: str | None) -> str | None:
    if not text:
        return None
    if text.isascii():
        return text.upper()
    value = cn_to_int(text.replace("幺", "一"))
    return None if value is None else str(value)


def find_address(text: str, pos: int = 0) -> tuple[Address, int, int] | None:
    """The first address in the text (from pos) with its span, or None.

    Several forms can start at one place (`9-1-201` is also `9-1` …), so the earliest
    start wins and, among those, the longest match."""
    best = None
    for pattern in _PATTERNS:
        m = pattern.search(text, pos)
        if not m or m.end() == m.start():
            continue
        if best is None or (m.start(), -m.end()) < (best.start(), -best.end()):
            best = m
    if best is None:
        return None
    groups = best.groupdict()
    address = Address(_digits(groups.get("b")), _digits(groups.get("u")), _digits(groups.get("r")))
    # The patterns may swallow spaces after the room; the span is the address itself.
    end = best.start() + len(best.group().rstrip())
    return address, best.start(), end


def find_addresses(text: str) -> list[tuple[Address, int, int]]:
    """Every address in the text, left to right, without overlaps."""
    found, pos = [], 0
    while (hit := find_address(text, pos)) is not None:
        found.append(hit)
        pos = hit[2]
    return found
