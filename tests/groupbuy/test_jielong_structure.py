"""The shape of a post: title, example, entry marks, continuation lines, footer,
reposted copies, single-product posts."""

import pytest

from linli.groupbuy.jielong import parse
from tests.groupbuy.helpers import address, items


def test_lines_before_the_first_entry_are_the_title_without_the_tag(catalog):
    result = parse("#接龙\n凯旋名邸9栋 2月20日 蔬菜团购\n\n1. 9-1-201 土豆2斤\n", catalog)
    assert result.title == "凯旋名邸9栋 2月20日 蔬菜团购"
    result = parse("#接龙 武南村社区 10号楼 团菜\n截止：明早9点\n1、10-1-301 土豆1斤", catalog)
    assert result.title == "武南村社区 10号楼 团菜 截止:明早9点"


@pytest.mark.parametrize(
    "example", ["例：9-1-101 张三 土豆2斤", "示例 9-1-101", "格式：楼号-房号 几箱"]
)
def test_the_example_line_is_never_an_entry(catalog, example):
    result = parse(f"#接龙\n团购\n{example}\n1. 9-1-201 土豆2斤\n", catalog)
    assert [e.seq for e in result.entries] == [1]
    assert "例" not in result.title and "格式" not in result.title


def test_a_numbered_example_is_not_an_entry_either(catalog):
    result = parse("#接龙\n团购\n1. 例：9-1-101 张三 土豆2斤\n2. 9-1-201 土豆2斤\n", catalog)
    assert [e.seq for e in result.entries] == [2]


@pytest.mark.parametrize("mark", ["1.", "1. ", "1、", "1．", "1)", "1）", "(1)", "①", "1️⃣ "])
def test_every_entry_mark_with_or_without_a_space(catalog, mark):
    (parsed,) = parse(f"团购\n{mark}9-1-201 土豆2斤", catalog).entries
    assert parsed.seq == 1
    assert address(parsed) == ("9", "1", "201")


def test_a_mark_followed_at_once_by_the_address(catalog):
    (parsed,) = parse("南瓜 等会送来 共20份\n1.295-909 6份", catalog).entries
    assert (parsed.seq, address(parsed), items(parsed)) == (
        1,
        ("295", None, "909"),
        [("南瓜", 6, "份")],
    )


def test_a_decimal_at_the_start_of_a_line_is_not_a_mark(catalog):
    result = parse("团购\n1. 9-1-201 土豆2斤\n1.5斤白菜\n", catalog)
    assert [e.seq for e in result.entries] == [1]
    assert items(result.entries[0]) == [("土豆", 2, "斤"), ("大白菜", 1.5, "斤")]


def test_a_date_in_the_title_is_not_an_entry(catalog):
    result = parse("#接龙\n2.20 蔬菜团购\n1. 9-1-201 土豆2斤\n", catalog)
    assert [e.seq for e in result.entries] == [1]
    assert result.title == "2.20 蔬菜团购"


def test_an_unnumbered_line_right_after_an_entry_continues_it(catalog):
    result = parse(
        "团购\n1. 12-1-603 孔 口罩1包 消毒液2瓶\n   抽纸1提\n2. 12-1-604 土豆1斤", catalog
    )
    assert items(result.entries[0]) == [("口罩", 1, "包"), ("84消毒液", 2, "瓶"), ("抽纸", 1, "提")]


def test_after_a_blank_line_unnumbered_text_is_the_footer(catalog):
    result = parse("团购\n1. 9-1-201 土豆2斤\n\n三点截单 土豆3斤\n", catalog)
    assert items(result.entries[0]) == [("土豆", 2, "斤")]
    assert result.footer == "三点截单 土豆3斤"


def test_numbered_entries_after_a_blank_line_are_still_entries(catalog):
    result = parse("团购\n1. 9-1-201 土豆2斤\n\n2. 9-1-202 土豆1斤\n", catalog)
    assert [e.seq for e in result.entries] == [1, 2]


def test_only_the_latest_reposted_copy_counts(catalog):
    text = (
        "#接龙\n13栋 水果团购\n\n1.13-101 苹果3斤\n2.13-205 香蕉2斤\n\n"
        "#接龙\n13栋 水果团购\n\n1.13-101 苹果3斤\n2.13-205 香蕉4斤\n3.13-310 梨4斤\n\n今晚十点截单"
    )
    result = parse(text, catalog)
    assert [e.seq for e in result.entries] == [1, 2, 3]
    assert items(result.entries[1]) == [("香蕉", 4, "斤")]
    assert result.title == "13栋 水果团购"


def test_a_copy_reposted_without_the_tag_starts_again_at_one(catalog):
    text = (
        "水果团购\n1.13-101 苹果3斤\n2.13-205 香蕉2斤\n\n"
        "水果团购\n1.13-101 苹果5斤\n2.13-205 香蕉2斤\n"
    )
    result = parse(text, catalog)
    assert [e.seq for e in result.entries] == [1, 2]
    assert items(result.entries[0]) == [("苹果", 5, "斤")]


def test_two_entries_with_one_number_are_both_kept(catalog):
    text = "团购\n1. 9-1-201 土豆2斤\n2. 9-1-202 白菜1颗\n2. 9-1-203 鸡蛋10个\n"
    assert [e.seq for e in parse(text, catalog).entries] == [1, 2, 2]


def test_a_post_that_sells_one_thing_gives_it_to_bare_quantities(catalog):
    text = (
        "#接龙\n百香果团购 每箱5斤\n例 楼号-房号 几箱\n\n"
        "1. 14-2-301 王霞 1箱\n2. 14-1-1102 钟 2箱\n"
    )
    result = parse(text, catalog)
    assert [items(e) for e in result.entries] == [[("百香果", 1, "箱")], [("百香果", 2, "箱")]]
    assert [e.name for e in result.entries] == ["王霞", "钟"]
    assert not result.entries[0].items[0].matched


def test_a_single_product_in_the_catalog_is_matched(catalog):
    (parsed,) = parse("南瓜 等会送来 共20份\n1. 1-1-101 王 2份", catalog).entries
    assert (items(parsed), parsed.items[0].matched) == ([("南瓜", 2, "份")], True)


def test_a_bare_number_in_a_single_product_post_takes_the_unit_from_the_title(catalog):
    (parsed,) = parse("百香果团购 每箱5斤\n1. 14-2-301 王霞 2", catalog).entries
    assert items(parsed) == [("百香果", 2, "箱")]


def test_the_product_may_follow_the_keyword_and_entries_may_give_no_quantity(catalog):
    text = (
        "【团购】今日新鲜百香果 每箱5斤\n"
        "1. 7-1-101 郑 1箱\n2. 7-1-102 张三 两箱\n3. 7-1-103 刘阿姨\n"
    )
    result = parse(text, catalog)
    assert [items(e) for e in result.entries] == [
        [("百香果", 1, "箱")],
        [("百香果", 2, "箱")],
        [("百香果", 1, "箱")],
    ]
    assert [e.name for e in result.entries] == ["郑", "张三", "刘阿姨"]


def test_a_category_in_the_title_is_not_a_single_product(catalog):
    (parsed,) = parse("13栋 水果团购\n1. 13-101 2箱", catalog).entries
    assert parsed.items == ()
    assert parsed.unparsed == ("13-101 2箱",)


def test_text_without_entries_has_no_entries(catalog):
    assert parse("", catalog).as_dict() == {"entries": []}
    assert parse("#接龙\n百香果团购\n\n三点截单", catalog).as_dict() == {"entries": []}


def test_crlf_and_old_mac_line_ends_are_lines(catalog):
    result = parse("团购\r\n1. 9-1-201 土豆2斤\r2. 9-1-202 白菜1颗\r\n", catalog)
    assert [e.seq for e in result.entries] == [1, 2]


def test_the_json_streamed_equals_the_dict(catalog):
    import io
    import json

    result = parse("团购\n1. 9-1-201 黄彬 土豆2斤（要小的）\n2. 9-1-202 芦笋1斤\n", catalog)
    out = io.StringIO()
    result.write_json(out.write)
    assert json.loads(out.getvalue()) == result.as_dict()
