"""Reading a community roster (花名册) as people really keep it.

Pure logic, no Django: `parse_roster(data, filename)` reads an .xlsx or .csv
file, finds the header row (under a title row, in merged cells, or split over
two rows), maps the usual Chinese headers to fields, and returns every data
row either normalised (`Row`) or rejected with reasons a community worker can
act on (`BadRow`). A file that cannot be read at all, or lacks a required
column, raises `RosterFileError` with one clear message. Messages are Chinese
`Reason`s (reasons.py), translated by the page that shows them.

The importer (importer.py) turns the good rows into registry changes.
"""

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from linli.community.idcard import IdNumberError, normalize_id_number
from linli.community.phone import PhoneError, normalize_phone
from linli.community.reasons import Reason, ReasonError, gettext_noop

REQUIRED = ("building", "room", "name")

# The column headers of the canonical roster (what export writes), by field.
# Marked for translation because the preview page names the columns it found.
HEADERS = {
    "compound": gettext_noop("小区"),
    "building": gettext_noop("楼栋"),
    "unit": gettext_noop("单元"),
    "room": gettext_noop("房号"),
    "name": gettext_noop("姓名"),
    "sex": gettext_noop("性别"),
    "birth_year": gettext_noop("出生年份"),
    "age": gettext_noop("年龄"),
    "phone": gettext_noop("电话"),
    "id_number": gettext_noop("身份证号"),
    "relation": gettext_noop("与户主关系"),
    "tags": gettext_noop("标签"),
    "note": gettext_noop("备注"),
}

# Header words, tried in order against a header with spaces and brackets
# removed. Earlier entries win, so "楼栋长" is ignored before "楼栋" can match
# and "身份证号" is an ID number before "号" means anything. None: not ours.
_HEADER_WORDS: tuple[tuple[str, str | None], ...] = (
    ("序号", None), ("楼栋长", None), ("楼长", None), ("单元长", None), ("楼层", None),
    ("身份证", "id_number"), ("证件号", "id_number"),
    ("出生", "birth_year"), ("年龄", "age"), ("岁数", "age"),
    ("电话", "phone"), ("手机", "phone"), ("联系方式", "phone"),
    ("性别", "sex"), ("关系", "relation"),
    ("标签", "tags"), ("人员类别", "tags"), ("重点人群", "tags"), ("特殊人群", "tags"),
    ("备注", "note"),
    ("小区", "compound"), ("院落", "compound"),
    ("单元", "unit"),
    ("房号", "room"), ("房间", "room"), ("门牌", "room"), ("室号", "room"), ("户号", "room"),
    ("楼栋", "building"), ("楼号", "building"), ("栋", "building"), ("幢", "building"),
    ("姓名", "name"), ("名字", "name"),
)  # fmt: skip

# Vulnerability tags as people write them, to the stored Tag values
# (linli.community.choices.Tag; a test keeps the two in step).
TAG_WORDS = {
    "独居老人": "elderly_alone", "独居": "elderly_alone",
    "70岁以上": "elderly_70", "70岁以上老人": "elderly_70", "高龄": "elderly_70",
    "高龄老人": "elderly_70",
    "慢性病": "chronic", "慢病": "chronic",
    "残疾": "disability", "残疾人": "disability",
    "孕妇": "pregnant",
    "儿童": "child", "14岁以下儿童": "child",
    "医护家属": "medical_family", "医护人员家属": "medical_family",
    "无智能手机": "no_smartphone",
    "居家隔离": "quarantine", "居家隔离中": "quarantine",
}  # fmt: skip
# The label export writes for each tag; import reads it back.
TAG_LABELS = {
    "elderly_alone": "独居老人", "elderly_70": "70岁以上", "chronic": "慢性病",
    "disability": "残疾", "pregnant": "孕妇", "child": "儿童", "medical_family": "医护家属",
    "no_smartphone": "无智能手机", "quarantine": "居家隔离",
}  # fmt: skip

RELATION_WORDS = {
    "户主": "head", "本人": "head",
    "配偶": "spouse", "妻": "spouse", "妻子": "spouse", "夫": "spouse", "丈夫": "spouse",
    "子女": "child", "子": "child", "女": "child", "儿子": "child", "女儿": "child",
    "父母": "parent", "父亲": "parent", "母亲": "parent", "父": "parent", "母": "parent",
    "孙子女": "grandchild", "孙子": "grandchild", "孙女": "grandchild",
    "外孙": "grandchild", "外孙女": "grandchild",
    "兄弟姐妹": "sibling", "兄": "sibling", "弟": "sibling", "姐": "sibling", "妹": "sibling",
    "租户": "tenant", "租客": "tenant",
    "其他": "other",
}  # fmt: skip
RELATION_LABELS = {
    "head": "户主", "spouse": "配偶", "child": "子女", "parent": "父母",
    "grandchild": "孙子女", "sibling": "兄弟姐妹", "tenant": "租户", "other": "其他",
}  # fmt: skip
SEX_WORDS = {"男": "m", "男性": "m", "m": "m", "女": "f", "女性": "f", "f": "f"}
SEX_LABELS = {"m": "男", "f": "女"}

_TAG_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))
_BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")
_CN_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")}
OLDEST_YEAR = 1900
MAX_BYTES = 10 * 1024 * 1024
_HEADER_SEARCH_ROWS = 10
# The registry's field lengths (models.py), checked here so a row is refused
# with a reason instead of failing the whole import.
_MAX_LENGTH = {"compound": 50, "building": 20, "unit": 20, "room": 20, "name": 50}


class RosterFileError(ReasonError):
    """The whole file cannot be used; the reason says why."""


@dataclass(frozen=True)
class Row:
    """One resident, normalised. Empty strings and None mean "not given"."""

    line: int
    compound: str
    building: str
    unit: str
    room: str
    name: str
    phone: str = ""
    sex: str = ""
    birth_year: int | None = None
    id_number: str = ""
    relation: str = ""
    tags: frozenset = frozenset()
    note: str = ""

    @property
    def place(self) -> tuple[str, str, str, str]:
        return (self.compound, self.building, self.unit, self.room)


@dataclass(frozen=True)
class BadRow:
    line: int
    reasons: tuple[Reason, ...]
    name: str = ""

    @property
    def reason(self) -> str:
        """Every reason, in Chinese, as one line."""
        return "；".join(map(str, self.reasons))


@dataclass
class Roster:
    rows: list[Row]
    bad: list[BadRow]
    # Fields that have a column in the file. A field without a column is
    # never touched by an import; tags count only if some row fills them.
    columns: frozenset
    header_line: int
    sheet: str = ""
    blank_lines: int = 0
    headers: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.bad)


# Reading the file into rows of cell values.


def read_table(data: bytes, filename: str) -> list[tuple[str, list[list]]]:
    """Return [(sheet name, rows)]; merged cells carry their value in every cell."""
    name = filename.lower()
    if len(data) > MAX_BYTES:
        raise RosterFileError(gettext_noop("文件超过10MB，请分成几个文件导入"))
    if not data.strip():
        raise RosterFileError(gettext_noop("文件是空的"))
    if name.endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if name.endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise RosterFileError(
            gettext_noop("不支持旧版 .xls 文件，请在Excel或WPS中另存为 .xlsx 后再导入")
        )
    return [("", _read_csv(data))]


def _read_xlsx(data: bytes) -> list[tuple[str, list[list]]]:
    import openpyxl  # imported here so csv-only callers do not pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise RosterFileError(
            gettext_noop("无法打开这个Excel文件，可能已损坏或不是.xlsx格式")
        ) from exc
    sheets = []
    ordered = [book.active] + [s for s in book.worksheets if s is not book.active]
    for sheet in ordered:
        if sheet is None or sheet.max_row < 1:
            continue
        rows = [
            list(r)
            for r in sheet.iter_rows(
                min_row=1, max_row=sheet.max_row, max_col=sheet.max_column, values_only=True
            )
        ]
        # A merged cell keeps its value only in the top-left corner; copy it
        # to every cell it covers, so a building number merged down ten rows
        # belongs to all ten residents, and a merged header reads as a header.
        for merged in sheet.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                    rows[r][c] = value
        sheets.append((sheet.title, rows))
    return sheets


def _read_csv(data: bytes) -> list[list]:
    # Excel on a Chinese Windows saves CSV as GB18030 (GBK); elsewhere UTF-8,
    # often with a byte-order mark. UTF-8 is strict, so a GBK file fails it.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterFileError(
            gettext_noop("无法识别文件编码，请另存为UTF-8或GBK编码的CSV，或.xlsx文件")
        )
    # "CSV" from Excel's "Unicode text" is tab-separated, and some locales use
    # ";". The delimiter is the one the first lines (title and header) use most;
    # csv.Sniffer guesses wildly on cells full of Chinese punctuation.
    head = "\n".join(text.splitlines()[:5])
    delimiter = max((",", "\t", ";"), key=head.count)
    text = text.replace("\0", "")  # the csv module refuses NUL characters
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


# Headers.


def header_field(text: object) -> str | None:
    """The field a header cell names, or None."""
    clean = _BRACKETS.sub("", cell_text(text)).replace("*", "").replace(":", "")
    clean = re.sub(r"\s+", "", clean)
    if not clean:
        return None
    for word, name in _HEADER_WORDS:
        if word in clean:
            return name
    return None


def _map_row(row: list) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for col, text in enumerate(row):
        name = header_field(text)
        if name and name not in mapping.values():
            mapping[col] = name
    return mapping


def _map_two_rows(upper: list, lower: list) -> dict[int, str]:
    """A header split over two rows: a group cell ("地址") above its columns
    (楼栋, 单元, 房号), and single cells ("姓名") that span both rows or sit
    in the upper row only."""
    width = max(len(upper), len(lower))
    upper = upper + [None] * (width - len(upper))
    lower = lower + [None] * (width - len(lower))
    mapping: dict[int, str] = {}
    for col in range(width):
        name = header_field(lower[col])
        if name is None and not cell_text(lower[col]):
            spans = any(
                0 <= n < width and cell_text(upper[n]) == cell_text(upper[col])
                for n in (col - 1, col + 1)
            )
            name = None if spans else header_field(upper[col])
        if name and name not in mapping.values():
            mapping[col] = name
    return mapping


def find_header(rows: list[list]) -> tuple[dict[int, str], int]:
    """Return (column → field, index of the first data row)."""
    best: tuple[int, dict[int, str], int] = (0, {}, 0)
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        candidates = [(_map_row(row), i + 1)]
        if i + 1 < len(rows):
            candidates.append((_map_two_rows(row, rows[i + 1]), i + 2))
        for mapping, start in candidates:
            fields = set(mapping.values())
            score = len(fields) + (100 if fields.issuperset(REQUIRED) else 0)
            if score > best[0]:
                best = (score, mapping, start)
    return best[1], best[2]


# Cells.


def cell_text(value: object) -> str:
    """A cell as the text a person sees: 9.0 is "9", full-width digits are ASCII."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    text = unicodedata.normalize("NFKC", str(value)).translate(_INVISIBLE)
    return text.strip()


def _chinese_number(text: str) -> str:
    """一 → 1, 十二 → 12: unit numbers are often written in words."""
    if not text or any(c not in _CN_NUMERALS for c in text) or len(text) > 3:
        return text
    if "十" not in text:
        return "".join(str(_CN_NUMERALS[c]) for c in text)
    tens, _, ones = text.partition("十")
    return str((_CN_NUMERALS[tens] if tens else 1) * 10 + (_CN_NUMERALS[ones] if ones else 0))


def _building(text: str) -> str:
    text = re.sub(r"\s+", "", text).removeprefix("第")
    for suffix in ("号楼", "栋", "幢", "号", "楼"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return _chinese_number(text[: -len(suffix)])
    return _chinese_number(text)


def _unit(text: str) -> str:
    text = re.sub(r"\s+", "", text).removeprefix("第")
    return _chinese_number(text.removesuffix("单元") or text)


def _room(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    for suffix in ("室", "号", "房"):
        if text.endswith(suffix) and len(text) > 1:
            return text[:-1]
    return text


def _name(text: str) -> str:
    # "王  芳": two-character names are padded to line up with three.
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        return re.sub(r"\s+", "", text)
    return re.sub(r"\s+", " ", text)


def _year(raw: object) -> int:
    if isinstance(raw, datetime.datetime | datetime.date):
        return raw.year
    text = cell_text(raw)
    match = re.match(r"^(\d{4})(?:$|[年.\-/]|\d{4}$)", text)
    if not match:
        raise ReasonError(
            gettext_noop("出生年份“%(value)s”看不懂，请写成四位数年份，如1950"), value=text
        )
    return int(match.group(1))


def _age(raw: object) -> int:
    text = cell_text(raw).removesuffix("岁").removesuffix("周岁").strip()
    if not text.isdecimal():  # isdigit() would pass digits that int() refuses
        raise ReasonError(gettext_noop("年龄“%(value)s”不是数字"), value=cell_text(raw))
    return int(text)


def parse_tags(text: str) -> tuple[frozenset, list[str]]:
    """(tag values, words not understood)."""
    tags, unknown = set(), []
    for word in _TAG_SEPARATORS.split(text):
        if not word:
            continue
        if word in TAG_WORDS:
            tags.add(TAG_WORDS[word])
        else:
            unknown.append(word)
    return frozenset(tags), unknown


# Rows.


def _row(line: int, cells: dict[str, object], today: datetime.date) -> Row | BadRow:
    text = {k: cell_text(v) for k, v in cells.items()}
    errors: list[Reason] = []

    def refuse(template: str, **params) -> None:
        errors.append(Reason(template, **params))

    values: dict = {
        "compound": re.sub(r"\s+", "", text.get("compound", "")),
        "building": _building(text.get("building", "")),
        "unit": _unit(text.get("unit", "")),
        "room": _room(text.get("room", "")),
        "name": _name(text.get("name", "")),
        "note": text.get("note", ""),
    }
    for key, missing in (
        ("building", gettext_noop("缺少楼栋")), ("room", gettext_noop("缺少房号")),
        ("name", gettext_noop("缺少姓名")),
    ):  # fmt: skip
        if not values[key]:
            refuse(missing)
    for key, limit in _MAX_LENGTH.items():
        if len(values[key]) > limit:
            refuse(
                gettext_noop("%(label)s太长（最多%(limit)d个字）"),
                label=Reason(HEADERS[key]),
                limit=limit,
            )
    if any(c.isdigit() for c in values["name"]):
        refuse(gettext_noop("姓名里有数字，可能填错了列"))

    try:
        values["phone"] = normalize_phone(cells.get("phone"))
    except PhoneError as exc:
        refuse(gettext_noop("电话%(phone)s：%(reason)s"), phone=text["phone"], reason=exc.reason)

    raw_id = cells.get("id_number")
    if isinstance(raw_id, float) or re.search(r"[eE]\+", text.get("id_number", "")):
        refuse(gettext_noop("身份证号被存成了数字，后几位已经丢失；请把这一列设为文本后重填"))
    else:
        try:
            values["id_number"] = normalize_id_number(raw_id)
        except IdNumberError as exc:
            errors.append(exc.reason)
    id_number = values.get("id_number", "")

    sex = text.get("sex", "")
    if sex:
        if sex.lower() not in SEX_WORDS:
            refuse(gettext_noop("性别“%(value)s”只能填男或女"), value=sex)
        else:
            values["sex"] = SEX_WORDS[sex.lower()]
    if id_number:
        id_sex = "m" if int(id_number[16]) % 2 else "f"
        if values.get("sex") and values["sex"] != id_sex:
            refuse(gettext_noop("性别与身份证号不符"))
        values["sex"] = id_sex

    birth_year = None
    try:
        if text.get("birth_year"):
            birth_year = _year(cells["birth_year"])
        elif text.get("age"):
            age = _age(cells["age"])
            if age > today.year - OLDEST_YEAR:
                raise ReasonError(gettext_noop("年龄%(age)d岁不合常理"), age=age)
            birth_year = today.year - age
    except ReasonError as exc:
        errors.append(exc.reason)
    if birth_year is not None and not OLDEST_YEAR <= birth_year <= today.year:
        refuse(
            gettext_noop("出生年份%(year)d不在%(oldest)d到%(this_year)d之间"),
            year=birth_year, oldest=OLDEST_YEAR, this_year=today.year,
        )  # fmt: skip
    if id_number:
        id_year = int(id_number[6:10])
        # An age gives the birth year only to within one year.
        slack = 0 if text.get("birth_year") else 1
        if birth_year is not None and abs(birth_year - id_year) > slack:
            refuse(
                gettext_noop("出生年份%(year)d与身份证号中的%(id_year)d不一致"),
                year=birth_year, id_year=id_year,
            )  # fmt: skip
        birth_year = id_year
    values["birth_year"] = birth_year

    relation = text.get("relation", "")
    if relation:
        if relation in RELATION_WORDS:
            values["relation"] = RELATION_WORDS[relation]
        else:
            refuse(
                gettext_noop("与户主关系“%(value)s”看不懂，可填：户主、配偶、子女、父母、其他等"),
                value=relation,
            )

    tags, unknown = parse_tags(text.get("tags", ""))
    if unknown:
        # The tag words stay Chinese in every language: they are what the file must say.
        refuse(
            gettext_noop("不认识的标签：%(unknown)s（可用：%(known)s）"),
            unknown="、".join(unknown), known="、".join(TAG_LABELS.values()),
        )  # fmt: skip
    values["tags"] = tags

    if errors:
        return BadRow(line, tuple(errors), values["name"])
    return Row(line=line, **values)


def _identity_keys(row: Row) -> list[tuple]:
    keys = [("place", *row.place, row.name)]
    if row.id_number:
        keys.append(("id", row.id_number))
    return keys


def parse_roster(
    data: bytes,
    filename: str,
    *,
    today: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Roster:
    """Read and check every row of a roster file. Raises RosterFileError."""
    today = today or datetime.date.today()
    sheets = read_table(data, filename)
    found = None
    for sheet, table in sheets:
        mapping, start = find_header(table)
        if set(mapping.values()).issuperset(REQUIRED):
            found = (sheet, table, mapping, start)
            break
    if found is None:
        raise _missing_columns_error(sheets)
    sheet, table, mapping, start = found

    rows: list[Row] = []
    bad: list[BadRow] = []
    blank = 0
    seen: dict[tuple, int] = {}
    data_rows = table[start:]
    for offset, raw in enumerate(data_rows):
        line = start + offset + 1  # as the spreadsheet numbers it
        cells = {name: raw[col] if col < len(raw) else None for col, name in mapping.items()}
        if progress and offset and offset % 500 == 0:
            progress(offset, len(data_rows))
        if not any(cell_text(v) for v in cells.values()):
            blank += 1
            continue
        result = _row(line, cells, today)
        if isinstance(result, Row):
            clash = next((k for k in _identity_keys(result) if k in seen), None)
            if clash is not None:
                what = Reason(
                    gettext_noop("身份证号相同")
                    if clash[0] == "id"
                    else gettext_noop("同一户里同名")
                )
                duplicate = Reason(
                    gettext_noop("与第%(line)d行重复（%(what)s）"), line=seen[clash], what=what
                )
                result = BadRow(line, (duplicate,), result.name)
            else:
                seen.update(dict.fromkeys(_identity_keys(result), line))
        (rows if isinstance(result, Row) else bad).append(result)
    if progress:
        progress(len(data_rows), len(data_rows))

    columns = set(mapping.values())
    if "age" in columns:
        columns = (columns - {"age"}) | {"birth_year"}
    if "id_number" in columns:
        # Sex and birth year come with a valid ID number.
        columns |= {"sex", "birth_year"}
    if "tags" in columns and not any(r.tags for r in rows):
        # An empty tag column says nothing; it must not clear tags recorded since.
        columns.discard("tags")
    headers = {name: cell_text(table[start - 1][col]) for col, name in mapping.items()}
    return Roster(rows, bad, frozenset(columns), start, sheet, blank, headers)


def _missing_columns_error(sheets) -> RosterFileError:
    best: tuple[list, dict, int] = ([], {}, 0)
    for _sheet, table in sheets:
        mapping, start = find_header(table)
        if len(mapping) >= len(best[1]):
            best = (table, mapping, start)
    table, mapping, start = best
    missing = [HEADERS[f] for f in REQUIRED if f not in mapping.values()]
    if not table or not any(cell_text(v) for row in table for v in row):
        return RosterFileError(gettext_noop("文件里没有任何内容"))
    header = [cell_text(v) for v in table[max(start - 1, 0)] if cell_text(v)][:12]
    # The column names stay Chinese in every language: they are what the file
    # must say, and the parser reads only Chinese headers.
    return RosterFileError(
        gettext_noop(
            "找不到必填的列：%(missing)s。第%(line)d行的表头是：%(header)s。"
            "请确认表头包含“楼栋”“房号”“姓名”。"
        ),
        missing="、".join(missing),
        line=max(start, 1),
        header="、".join(header) or Reason(gettext_noop("（空）")),
    )
