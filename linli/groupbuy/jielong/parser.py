"""A whole pasted 接龙: title, example, numbered entries with their continuation
lines, footer, and reposted copies (the contract is docs/jielong.md).

The structure is read first, cheaply, line by line; only the entries of the latest
copy are then read in full, so a paste holding twenty growing copies of a post
costs little more than its last copy.
"""

import re
from dataclasses import dataclass, field

from linli.groupbuy.jielong.address import find_address
from linli.groupbuy.jielong.catalog import Catalog
from linli.groupbuy.jielong.entry import Entry, parse_entry
from linli.groupbuy.jielong.text import clean_line
from linli.groupbuy.jielong.title import single_product
from linli.groupbuy.jielong.units import unit_pattern

_TAG = re.compile(r"^#\s*(?:群)?接龙\s*[:：]?\s*")
_EXAMPLE = re.compile(r"^[\[【(]?\s*(?:例|示例|范例|格式|模板|参考格式)")
_MARK = re.compile(r"^\(?\s*([0-9]{1,6})\s*([.、)。])\s*")
_RAW_MARK = re.compile(r"^\s*[(（]?\s*[0-9０-９]{1,6}\s*[.、)）．。]\s*")
# `1.5斤` at the start of a line is a decimal, not entry 1.
_DECIMAL_REST = re.compile(rf"[0-9]+(?:\.[0-9]+)?\s*(?:{unit_pattern()}|[xX×*]|$)")

_EMPTY_CATALOG = Catalog()


@dataclass(slots=True)
class _RawEntry:
    seq: int
    lines: list[str]  # clean
    raw: list[str]  # as written


@dataclass(slots=True)
class _Copy:
    header: list[str] = field(default_factory=list)
    entries: list[_RawEntry] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Parse:
    title: str
    entries: list[Entry]
    footer: str = ""

    def as_dict(self) -> dict:
        # The contract: text with no entries prints exactly {"entries": []}.
        if not self.entries:
            return {"entries": []}
        return {"title": self.title, "entries": [e.as_dict() for e in self.entries]}


def parse(text: str, catalog: Catalog | None = None) -> Parse:
    """Parse a pasted 接龙. Never raises on any text."""
    catalog = catalog if catalog is not None else _EMPTY_CATALOG
    copies = _structure(text)
    latest = copies[-1]
    header = latest.header if latest.header else copies[0].header
    title = " ".join(header)
    single = single_product(title, catalog)
    entries = [
        parse_entry(e.seq, "\n".join(e.lines), " ".join(e.raw), catalog, single)
        for e in latest.entries
    ]
    return Parse(title, entries, " ".join(latest.footer))


def _entry_mark(line: str, expected: int) -> tuple[int, str] | None:
    """(seq, rest) when the line starts an entry."""
    m = _MARK.match(line)
    if not m:
        return None
    seq, mark, rest = int(m.group(1)), m.group(2), line[m.end() :]
    if mark == "." and m.end() == m.end(2) and rest[:1].isdigit():
        if _DECIMAL_REST.match(rest):
            return None
        # `2.20 蔬菜团购` is a date; `1.295-909 6份` is entry 1 at 295-909.
        if seq != expected and find_address(rest) is None:
            return None
    return seq, rest


def _structure(text: str) -> list[_Copy]:
    copies = [_Copy()]
    in_entry = False
    for raw in text.splitlines():
        line = clean_line(raw)
        copy = copies[-1]
        if not line:
            in_entry = False
            continue
        tag = _TAG.match(line)
        if tag:
            if copy.entries:
                copies.append(copy := _Copy())
            in_entry = False
            if line[tag.end() :]:
                copy.header.append(line[tag.end() :])
            continue
        if _EXAMPLE.match(line):
            in_entry = False
            continue
        expected = copy.entries[-1].seq + 1 if copy.entries else 1
        marked = _entry_mark(line, expected)
        if marked is not None:
            seq, rest = marked
            if _EXAMPLE.match(rest):
                in_entry = False
                continue
            if copy.entries and seq == copy.entries[0].seq and seq <= copy.entries[-1].seq:
                # The list starts again: a reposted copy. What stood between the two
                # lists is the new copy's header.
                copies.append(copy := _Copy(header=copy.footer))
                copies[-2].footer = []
            raw_mark = _RAW_MARK.match(raw)
            raw_rest = raw[raw_mark.end() :] if raw_mark else rest
            copy.entries.append(_RawEntry(seq, [rest], [raw_rest.strip()]))
            in_entry = True
        elif in_entry:
            copy.entries[-1].lines.append(line)
            copy.entries[-1].raw.append(raw.strip())
        elif copy.entries:
            copy.footer.append(line)
        else:
            copy.header.append(line)
    return copies
