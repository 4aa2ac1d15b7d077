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
from functools import partial

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
# Line breaks of str.splitlines() that are not line ends of the paste: an entry line
# holding one is read again from the paste, as its own lines (see _read_entry).
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

_EMPTY_CATALOG = Catalog()


class _Places:
    """Where each entry of a copy stands: its number and its character offsets in the
    paste. An entry is read in full only if it belongs to the latest copy, and three
    flat arrays keep a paste of a hundred thousand entries small.

    The structure pass has already cleaned every line (text.clean_line, the costliest
    step of reading a line), so the copy keeps each entry's clean text after its
    mark: a string, or a list of lines once continuation lines come. `resplit` holds
    the entries with a line break inside a line (see _OTHER_BREAKS). A copy that is
    not the latest lets go of its texts."""

    def __init__(self):
        self.seqs, self.starts, self.ends = array("q"), array("q"), array("q")
        self.texts: list = []
        self.resplit: set[int] = set()

    def __len__(self):
        return len(self.seqs)

    def add(self, seq: int, start: int, end: int, text: str, resplit: bool) -> None:
        self.seqs.append(seq)
        self.starts.append(start)
        self.ends.append(end)
        self.texts.append(text)
        if resplit:
            self.resplit.add(len(self.seqs) - 1)

    def extend(self, end: int, line: str, resplit: bool) -> None:
        """A continuation line: the last entry now ends with it."""
        self.ends[-1] = end
        texts = self.texts
        if isinstance(texts[-1], str):
            texts[-1] = [texts[-1], line]
        else:
            texts[-1].append(line)
        if resplit:
            self.resplit.add(len(self.seqs) - 1)

    def forget_texts(self) -> None:
        self.texts, self.resplit = [""] * len(self.seqs), set()

    def drain(self):
        """(seq, start, end, text, resplit) of each entry, letting go of each text as
        it is read: the entries of a long paste take the place of their texts in
        memory instead of joining them."""
        texts, resplit = self.texts, self.resplit
        for i, place in enumerate(zip(self.seqs, self.starts, self.ends, strict=True)):
            text, texts[i] = texts[i], ""
            yield *place, text, i in resplit


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
    entries = [_read_entry(text, *place, catalog, single) for place in latest.entries.drain()]
    return Parse(title, entries, " ".join(latest.footer))


def _read_entry(
    text: str, seq: int, start: int, end: int, clean, resplit: bool, catalog: Catalog, single
) -> Entry:
    """clean: the entry's clean text after its mark, as _Places keeps it."""
    if resplit:
        # A vertical tab, NEL or U+2028 inside a line breaks it here as well; unless
        # it cuts the mark itself (`108<U+2028>.`), and the whole line is the entry.
        lines = [clean_line(line.strip()) for line in text[start:end].splitlines()]
        mark = _MARK.match(lines[0])
        if mark:
            lines[0] = lines[0][mark.end() :]
            clean = lines
    if isinstance(clean, str):  # one line, as almost every entry is
        first = clean
    else:
        first, clean = clean[0], "\n".join(clean)
    # What the resident wrote is only needed when nothing could be read from it.
    return parse_entry(seq, clean, partial(_written, text, start, end, first), catalog, single)


def _written(text: str, start: int, end: int, clean_first: str) -> str:
    """The entry as written, its lines joined, without its mark (or, where the mark
    was an emoji or a circled number, with the first line as cleaned)."""
    raw = [line.strip() for line in text[start:end].splitlines()]
    raw_mark = _RAW_MARK.match(raw[0])
    raw[0] = raw[0][raw_mark.end() :] if raw_mark else clean_first
    return " ".join(raw)


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
                copy.entries.forget_texts()
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
                copy.entries.forget_texts()
                copies.append(copy := _Copy(header=copy.footer))
                copies[-2].footer = []
            copy.entries.add(seq, start, end, rest, _OTHER_BREAKS.search(raw) is not None)
            in_entry = True
        elif in_entry:
            copy.entries.extend(end, line, _OTHER_BREAKS.search(raw) is not None)
        elif copy.entries:
            copy.footer.append(line)
        else:
            copy.header.append(line)
    return copies
