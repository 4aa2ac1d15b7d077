"""A whole pasted 接龙: title, example, numbered entries with their continuation
lines, footer, and reposted copies (the contract is docs/jielong.md).

The structure is read first, cheaply, line by line; only the entries of the latest
copy are then read in full, so a paste holding twenty growing copies of a post
costs little more than its last copy.
"""

import gc
import io
import json
import re
from array import array
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
_DECIMAL_REST = re.compile(rf"[0-9]+\s*(?:{unit_pattern()}|[xX×*]|$)")

_EMPTY_CATALOG = Catalog()


class _Places:
    """Where each entry of a copy stands: its number and its character offsets in the
    paste. An entry is read in full only if it belongs to the latest copy, and three
    flat arrays keep a paste of a hundred thousand entries small."""

    def __init__(self):
        self.seqs, self.starts, self.ends = array("q"), array("q"), array("q")

    def __len__(self):
        return len(self.seqs)

    def add(self, seq: int, start: int, end: int) -> None:
        self.seqs.append(seq)
        self.starts.append(start)
        self.ends.append(end)

    def __iter__(self):
        return zip(self.seqs, self.starts, self.ends, strict=True)


@dataclass(slots=True)
class _Copy:
    header: list[str] = field(default_factory=list)
    entries: _Places = field(default_factory=_Places)
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

    def write_json(self, write) -> None:
        """The same JSON as as_dict(), written an entry per line, so that a paste of
        a hundred thousand entries never exists as one huge dict or string."""
        if not self.entries:
            write('{"entries": []}\n')
            return
        title = json.dumps(self.title, ensure_ascii=False)
        write(f'{{"title": {title}, "entries": [\n')
        last = len(self.entries) - 1
        for i, entry in enumerate(self.entries):
            line = json.dumps(entry.as_dict(), ensure_ascii=False)
            write(line + (",\n" if i < last else "\n"))
        write("]}\n")


def parse(text: str, catalog: Catalog | None = None) -> Parse:
    """Parse a pasted 接龙. Never raises on any text."""
    # A long paste allocates hundreds of thousands of small objects and none of them
    # form cycles; the cyclic collector would rescan the growing result again and
    # again (a third of the time, and worse than linear), so it waits until we are done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, catalog if catalog is not None else _EMPTY_CATALOG)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, catalog: Catalog) -> Parse:
    copies = _structure(text)
    latest = copies[-1]
    header = latest.header if latest.header else copies[0].header
    title = " ".join(header)
    single = single_product(title, catalog)
    entries = [_read_entry(text, *place, catalog, single) for place in latest.entries]
    return Parse(title, entries, " ".join(latest.footer))


def _read_entry(text: str, seq: int, start: int, end: int, catalog: Catalog, single) -> Entry:
    lines = text[start:end].splitlines()
    if len(lines) == 1:
        # One line, as almost every entry is: no lists to build and join.
        raw0 = lines[0].strip()
        clean0 = clean_line(raw0)
        clean0 = clean0[_MARK.match(clean0).end() :]
        raw_mark = _RAW_MARK.match(raw0)
        raw0 = raw0[raw_mark.end() :] if raw_mark else clean0
        return parse_entry(seq, clean0, raw0, catalog, single)
    raw = [line.strip() for line in lines]
    clean = [clean_line(line) for line in raw]
    clean[0] = clean[0][_MARK.match(clean[0]).end() :]
    raw_mark = _RAW_MARK.match(raw[0])
    raw[0] = raw[0][raw_mark.end() :] if raw_mark else clean[0]
    return parse_entry(seq, "\n".join(clean), " ".join(raw), catalog, single)


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


def _lines(text: str):
    """(start, end, line) for each line, one at a time: a 10 MB paste is never
    held twice over as a list of lines."""
    offset = 0
    for line in io.StringIO(text, newline=""):
        start, offset = offset, offset + len(line)
        yield start, offset, line.rstrip("\r\n")


def _structure(text: str) -> list[_Copy]:
    copies = [_Copy()]
    in_entry = False
    for start, end, raw in _lines(text):
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
        seqs = copy.entries.seqs
        expected = seqs[-1] + 1 if seqs else 1
        marked = _entry_mark(line, expected)
        if marked is not None:
            seq, rest = marked
            if _EXAMPLE.match(rest):
                in_entry = False
                continue
            if seqs and seq == seqs[0] and seq <= seqs[-1]:
                # The list starts again: a reposted copy. What stood between the two
                # lists is the new copy's header.
                copies.append(copy := _Copy(header=copy.footer))
                copies[-2].footer = []
            copy.entries.add(seq, start, end)
            in_entry = True
        elif in_entry:
            copy.entries.ends[-1] = end
        elif copy.entries:
            copy.footer.append(line)
        else:
            copy.header.append(line)
    return copies
