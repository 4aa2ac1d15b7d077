"""Reading rosters as people really keep them (roster.py: pure, no database)."""

import datetime
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from linli.community.choices import Relation, Tag
from linli.community.roster import (
    RELATION_LABELS,
    RELATION_WORDS,
    TAG_LABELS,
    TAG_WORDS,
    RosterFileError,
    header_field,
    parse_roster,
)
from tests.roster_factory import csv_bytes, id_number, xlsx_bytes

TODAY = datetime.date(2020, 2, 10)
ADDRESS = ["楼栋", "单元", "房号", "姓名"]


def parse(data, name="花名册.xlsx"):
    return parse_roster(data, name, today=TODAY)


def only_row(roster):
    assert roster.bad == [], roster.bad
    (row,) = roster.rows
    return row


def test_a_phone_stored_as_a_float_reads_as_eleven_digits():
    data = xlsx_bytes([["9", "1", "201", "黄彬", 13971000001.0]], [*ADDRESS, "电话"])
    assert only_row(parse(data)).phone == "13971000001"


def test_full_width_digits_read_as_ordinary_digits():
    row = ["９栋", "１", "２０１", "黄彬", "１３９７１０００００１", id_number(8).translate(
        str.maketrans("0123456789", "０１２３４５６７８９"))]  # fmt: skip
    data = csv_bytes([row], [*ADDRESS, "电话", "身份证号"])
    parsed = only_row(parse(data, "a.csv"))
    assert (parsed.building, parsed.unit, parsed.room) == ("9", "1", "201")
    assert parsed.phone == "13971000001"
    assert parsed.id_number == id_number(8)


def test_trailing_spaces_in_headers_and_cells_are_ignored():
    data = csv_bytes(
        [[" 9 ", "1 ", " 201\u3000", "黄彬  ", " 男 "]], ["楼栋 ", " 单元", "房号", "姓名 ", "性别"]
    )
    parsed = only_row(parse(data, "a.csv"))
    assert (parsed.building, parsed.unit, parsed.room, parsed.name, parsed.sex) == (
        "9", "1", "201", "黄彬", "m",
    )  # fmt: skip


def test_a_header_under_a_merged_title_and_over_two_rows_is_found():
    book = Workbook()
    sheet = book.active
    sheet.append(["凯旋名邸小区9栋居民登记表"])
    sheet.append(["序号", "住址", None, None, "姓名", "联系电话（手机）"])
    sheet.append([None, "楼号", "单元号", "门牌号", None, None])
    sheet.append([1, "9", "1", "201", "黄彬", "13971000001"])
    sheet.append([2, None, "1", "202", "王秀英", None])  # building merged down from the row above
    sheet.merge_cells("A1:F1")
    sheet.merge_cells("B2:D2")
    sheet.merge_cells("E2:E3")
    sheet.merge_cells("F2:F3")
    sheet.merge_cells("B4:B5")
    out = io.BytesIO()
    book.save(out)
    roster = parse(out.getvalue())
    assert roster.header_line == 3
    assert roster.bad == []
    assert [(r.line, r.building, r.room, r.name) for r in roster.rows] == [
        (4, "9", "201", "黄彬"), (5, "9", "202", "王秀英"),
    ]  # fmt: skip
    assert roster.rows[0].phone == "13971000001"


def test_blank_rows_are_skipped_and_line_numbers_are_the_spreadsheets():
    rows = [["9", "1", "201", "黄彬"], ["", "", "", ""], [None] * 4, ["9", "1", "202", ""]]
    roster = parse(xlsx_bytes(rows, ADDRESS))
    assert [r.line for r in roster.rows] == [3]
    assert [(b.line, b.reason) for b in roster.bad] == [(6, "缺少姓名")]
    assert roster.blank_lines == 2


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8", "utf-8-sig"])
def test_csv_in_gb18030_utf8_or_utf8_with_bom_reads_the_same(encoding):
    data = csv_bytes([["9", "1", "201", "黄彬", "独居老人"]], [*ADDRESS, "标签"], encoding)
    row = only_row(parse(data, "名单.csv"))
    assert row.name == "黄彬" and row.tags == {"elderly_alone"}


def test_a_tab_separated_file_saved_as_csv_reads_too():
    data = "楼栋\t单元\t房号\t姓名\n9\t1\t201\t黄彬\n".encode("gb18030")
    assert only_row(parse(data, "a.csv")).name == "黄彬"


def test_a_missing_required_column_is_one_clear_file_error():
    data = csv_bytes([["9", "1", "黄彬"]], ["楼栋", "单元", "姓名"])
    with pytest.raises(RosterFileError, match="找不到必填的列：房号"):
        parse(data, "a.csv")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "文件是空的"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.xls", "另存为 .xlsx"),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "无法打开这个Excel文件"),
    ],
)
def test_files_that_cannot_be_read_say_why(data, name, message):
    with pytest.raises(RosterFileError, match=message):
        parse(data, name)


def test_age_gives_the_birth_year_relative_to_the_current_year():
    data = csv_bytes([["9", "1", "201", "黄彬", "75岁"]], [*ADDRESS, "年龄"])
    row = only_row(parse(data, "a.csv"))
    assert row.birth_year == 1945


def test_sex_and_birth_year_come_from_a_valid_id_number():
    data = csv_bytes([["9", "1", "201", "黄彬", "420106198001010015"]], [*ADDRESS, "身份证号"])
    row = only_row(parse(data, "a.csv"))
    assert (row.sex, row.birth_year) == ("m", 1980)


def test_tags_are_split_on_every_usual_separator():
    text = "独居老人、慢性病,残疾，孕妇;儿童；医护家属/无智能手机 居家隔离　高龄"
    data = csv_bytes([["9", "1", "201", "黄彬", text]], [*ADDRESS, "标签"])
    assert only_row(parse(data, "a.csv")).tags == set(Tag.values)


def test_an_unknown_tag_is_a_row_error_naming_the_tag():
    data = csv_bytes([["9", "1", "201", "黄彬", "慢性病、VIP"]], [*ADDRESS, "标签"])
    (bad,) = parse(data, "a.csv").bad
    assert bad.reason.startswith("不认识的标签：VIP")


def test_unit_numbers_in_words_and_padded_names_are_normalised():
    data = csv_bytes([["第十二栋", "二单元", "201", "王  芳"]], ADDRESS)
    row = only_row(parse(data, "a.csv"))
    assert (row.building, row.unit, row.name) == ("12", "2", "王芳")


def test_every_reason_for_a_bad_row_is_given_at_once():
    data = csv_bytes([["9", "1", "201", "黄彬", "1380000", "2030"]], [*ADDRESS, "电话", "出生年份"])
    (bad,) = parse(data, "a.csv").bad
    assert "手机号应为11位" in bad.reason and "出生年份2030" in bad.reason


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("联系电话（手机）", "phone"), ("手机号码", "phone"), ("身份证号码", "id_number"),
        ("出生年月", "birth_year"), ("楼栋号", "building"), ("门牌号", "room"),
        ("*姓名", "name"), ("与户主关系", "relation"), ("人员类别", "tags"),
        ("楼栋长", None), ("序号", None), ("小区名称", "compound"),
    ],
)  # fmt: skip
def test_usual_chinese_headers_map_to_fields(header, field):
    assert header_field(header) == field


def test_the_tag_and_relation_words_match_the_registry_choices():
    assert set(TAG_WORDS.values()) == set(Tag.values)
    assert set(TAG_LABELS) == set(Tag.values)
    assert all(TAG_WORDS[label] == tag for tag, label in TAG_LABELS.items())
    assert set(RELATION_LABELS) == set(Relation.values)
    assert all(RELATION_WORDS[label] == rel for rel, label in RELATION_LABELS.items())


cells = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats().map(str),
    st.sampled_from(["9", "201", "黄彬", "13971000001", "1950", "独居老人", "420106198001010015"]),
)


@given(st.lists(st.lists(cells, min_size=8, max_size=8), max_size=12))
def test_any_cells_end_up_as_a_good_or_a_bad_row_and_never_crash(rows):
    header = [*ADDRESS, "电话", "出生年份", "身份证号", "标签"]
    roster = parse(csv_bytes(rows, header), "a.csv")
    lines = [r.line for r in roster.rows] + [b.line for b in roster.bad]
    assert len(lines) == len(set(lines)) == roster.total
    assert roster.total + roster.blank_lines == len(rows)
    assert all(b.reason for b in roster.bad)


@given(
    name=st.text(alphabet="王李张刘陈杨黄赵吴周秀英建国红梅", min_size=1, max_size=4),
    phone=st.integers(min_value=0, max_value=10**8 - 1),
    year=st.integers(min_value=1900, max_value=2020),
)
def test_a_valid_row_reads_back_exactly(name, phone, year):
    row = {"楼栋": "9", "单元": "1", "房号": "201", "姓名": name,
           "电话": f"139{phone:08d}", "出生年份": year}  # fmt: skip
    parsed = only_row(parse(csv_bytes([row], list(row)), "a.csv"))
    assert (parsed.name, parsed.phone, parsed.birth_year) == (name, f"139{phone:08d}", year)


def test_an_age_in_digits_int_cannot_read_is_a_bad_row_not_a_crash():
    data = csv_bytes([["9", "1", "201", "黄彬", "\U00010a40"]], [*ADDRESS, "年龄"])
    [bad] = parse(data, "a.csv").bad
    assert "不是数字" in bad.reason
