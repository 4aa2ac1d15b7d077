"""What a chat-group message is: a 接龙, a health report, a request for help, or talk.

Pure Python (no Django), so it is fast and property-testable. `classify(text)`
returns a Classification; nothing here decides anything for good: every draft
waits in the inbox for a person (linli.chat.drafts).

The order of the questions matters:
1. A crisis (triage's crisis screening) is a need whatever else the text holds:
   it must never be filed as a health report or a grocery list.
2. A 接龙: the 接龙 parser finds several numbered entries with quantities (or one
   under a `#接龙` tag).
3. Help words (帮忙, 求助, 能不能, 没有药了 …) make a need, even beside a temperature.
4. A health report: lines with a room (`3-1-201`, `5栋2单元301`) and either
   temperatures (`36.5`, `37度`) or a word that says all is well (`全家体温正常`).
5. A need: a category that triage reads in the text together with a sign of
   something lacking or asked (`我妈的药快吃完了`). A category alone is not an
   ask: `今天的菜很新鲜` names food and asks for nothing.
6. Anything else is talk, kept but shown only on request.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from linli.cases.chatpaste import is_chatter
from linli.cases.triage import OTHER, triage
from linli.groupbuy.jielong import parse
from linli.groupbuy.jielong.address import find_address
from linli.groupbuy.jielong.numbers import cn_to_int

JIELONG, NEED, CHECKIN, OTHER_KIND = "jielong", "need", "checkin", "other"

HELP_WORDS = re.compile(
    r"帮忙|帮帮|帮一下|帮我|求助|求救|救命|能不能|可不可以|能否|麻烦.{0,6}(?:买|送|拿|带)|没有药了|药.{0,3}(?:完|没了|断)"
)
# Something lacking, asked or wrong: with a category triage reads, an ask.
LACK_WORDS = re.compile(
    r"没有|没了|缺|买不到|买不了|需要|急|怎么办|吗|[?？]|不够|断了|快吃完|吃完了|用完了|发烧|发热|不舒服|疼|痛|难受|睡不着"
)
_TEMPERATURE = re.compile(
    r"(?<![0-9.])((?:3[4-9]|4[0-2])(?:\.[0-9])|(?:3[4-9]|4[0-2])(?=\s*(?:℃|度|°)))"
)
_NORMAL = re.compile(r"正常|无异常|没有异常|不发烧|没发烧|无发热|都好|平安")
_PEOPLE = re.compile(r"([0-9]{1,2}|[一二两三四五六七八九十]{1,2})\s*(?:口人|个人|人)")
_JIELONG_TAG = re.compile(r"#\s*(?:群)?接龙")
# 两 before a quantity of people: the address reader takes `201 两…` for a weight.
_TWO_PEOPLE = re.compile(r"两(?=\s*(?:口人|个人|人))")


@dataclass(frozen=True)
class Reading:
    """One household's line of a health report."""

    building: str | None
    unit: str | None
    room: str
    temperatures: tuple[str, ...] = ()
    people: int | None = None

    @property
    def label(self) -> str:
        return "-".join(p for p in (self.building, self.unit, self.room) if p)

    @property
    def everyone_normal(self) -> bool:
        return not self.temperatures

    def as_dict(self) -> dict:
        return {
            "building": self.building,
            "unit": self.unit,
            "room": self.room,
            "label": self.label,
            "temperatures": list(self.temperatures),
            "people": self.people,
        }


@dataclass(frozen=True)
class Classification:
    kind: str
    readings: tuple[Reading, ...] = ()
    entries: int = 0  # 接龙 entries
    category: str = OTHER
    priority: int = 4
    crisis: bool = False
    reasons: tuple[dict, ...] = field(default_factory=tuple)
    room: str = ""  # the room a need names, 3-1-201


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").replace("\u200b", "")


def _room(text: str):
    found = find_address(text)
    if found is None or not found[0].room:
        return None
    return found


def readings(text: str) -> list[Reading]:
    """The health report lines of a message: a room and temperatures or all-well."""
    found = []
    for line in _normal(text).splitlines():
        line = _TWO_PEOPLE.sub("2", line)
        hit = _room(line)
        if hit is None:
            continue
        address, start, end = hit
        rest = line[:start] + " " + line[end:]
        temperatures = tuple(m.group(1) for m in _TEMPERATURE.finditer(rest))
        if not temperatures and not _NORMAL.search(rest):
            continue
        people = _PEOPLE.search(rest)
        count = None
        if people:
            word = people.group(1).replace("两", "二")
            count = int(word) if word.isdigit() else cn_to_int(word)
        found.append(
            Reading(address.building, address.unit, address.room, temperatures, count or None)
        )
    return found


def jielong_entries(text: str) -> int:
    """How many entries with quantities the 接龙 parser finds (0: not a 接龙)."""
    parsed = parse(text)
    with_items = sum(1 for entry in parsed.entries if entry.items)
    if with_items >= 2 or (with_items and _JIELONG_TAG.search(text)):
        return with_items
    return 0


def _need(text: str, result) -> bool:
    return result.category != OTHER and bool(LACK_WORDS.search(text)) and not is_chatter(text)


def classify(text: str) -> Classification:
    text = _normal(text).strip()
    if not text:
        return Classification(OTHER_KIND)
    result = triage(text)
    need = Classification(
        NEED,
        category=result.category,
        priority=result.priority,
        crisis=result.crisis,
        reasons=tuple(result.reasons_as_dicts()),
        room=_room_label(text),
    )
    if result.crisis:
        return need
    entries = jielong_entries(text)
    if entries:
        return Classification(JIELONG, entries=entries)
    # "3-1-201 38.5 发烧了，能不能帮忙" asks for help: a person reads it first.
    if HELP_WORDS.search(text):
        return need
    found = readings(text)
    if found:
        return Classification(CHECKIN, readings=tuple(found))
    if _need(text, result):
        return need
    return Classification(OTHER_KIND)


def _room_label(text: str) -> str:
    hit = _room(text)
    if hit is None:
        return ""
    a = hit[0]
    return "-".join(p for p in (a.building, a.unit, a.room) if p)
