"""Product matching: aliases, the longest match first, and keyboard slips that a
person must confirm."""

import pytest

from linli.groupbuy.jielong import Catalog, CatalogError, CatalogProduct, read_catalog_csv
from tests.groupbuy.helpers import items


def names(resolution):
    return [(m.product.name if m.product else None, m.fuzzy) for m in resolution.matches]


@pytest.mark.parametrize(
    "written, product",
    [("白菜", "大白菜"), ("番茄", "西红柿"), ("马铃薯", "土豆"), ("葱", "小葱"),
     ("消毒液", "84消毒液"), ("生抽", "酱油"), ("75%酒精", "医用酒精")],
)  # fmt: skip
def test_an_alias_maps_to_the_canonical_name(catalog, written, product):
    assert names(catalog.resolve(written)) == [(product, False)]


def test_the_longest_name_wins_so_pork_belly_is_not_pork_and_soy_sauce_is_not_oil(entry):
    assert items(entry("9-1-201 五花肉2斤 酱油1瓶")) == [("五花肉", 2, "斤"), ("酱油", 1, "瓶")]


def test_a_one_character_alias_never_matches_inside_another_word(catalog):
    # 羊肉 is not pork, 小米 is not rice, 鸭蛋 is not a duck and an egg.
    for word in ("羊肉", "小米", "鸭蛋", "香油"):
        assert names(catalog.resolve(word)) == [(None, False)], word


def test_an_unknown_product_keeps_its_own_text_unmatched(entry):
    (item,) = entry("9-1-201 芦笋1斤").items
    assert (item.product, item.matched) == ("芦笋", False)


def test_a_homophone_from_a_pinyin_keyboard_is_matched_as_fuzzy(entry):
    (item,) = entry("9-1-201 土逗3斤").items
    assert (item.product, item.quantity, item.matched, item.fuzzy) == ("土豆", 3, True, True)
    assert item.as_dict()["written"] == "土逗"


def test_one_wrong_character_in_a_long_name_is_fuzzy(catalog):
    assert names(catalog.resolve("西红市")) == [("西红柿", True)]
    assert names(catalog.resolve("胡罗卜")) == [("胡萝卜", True)]


def test_a_two_character_name_one_character_off_is_another_food(catalog):
    assert names(catalog.resolve("腊肉")) == [(None, False)]
    assert names(catalog.resolve("鸭肉")) == [(None, False)]


def test_a_slip_that_fits_two_products_is_not_guessed():
    catalog = Catalog([CatalogProduct("西红柿", "斤"), CatalogProduct("西红枣", "斤")])
    assert names(catalog.resolve("西红果")) == [(None, False)]


def test_exact_matches_are_not_fuzzy(entry):
    assert not entry("9-1-201 土豆3斤").items[0].fuzzy
    assert "fuzzy" not in entry("9-1-201 土豆3斤").items[0].as_dict()


def test_names_run_together_are_split(catalog):
    assert names(catalog.resolve("苹果香蕉")) == [("苹果", False), ("香蕉", False)]


def test_words_before_a_known_name_make_it_fuzzy(entry):
    (item,) = entry("9-1-201 新鲜茼蒿2斤").items
    assert (item.product, item.fuzzy, item.written) == ("茼蒿", True, "新鲜茼蒿")


def test_an_empty_catalog_matches_nothing(entry):
    parsed = parse_without_catalog("1. 9-1-201 黄彬 土豆2斤")
    assert [(i.product, i.matched) for i in parsed.items] == [("土豆", False)]
    assert parsed.name == "黄彬"


def parse_without_catalog(text):
    from linli.groupbuy.jielong import parse

    return parse(text).entries[0]


def test_the_catalog_csv_is_read_with_aliases_and_prices():
    products = read_catalog_csv("name,aliases,unit,category,price\n土豆,马铃薯|洋芋,斤,蔬菜,2.50\n")
    assert products == [CatalogProduct("土豆", "斤", ("马铃薯", "洋芋"), "蔬菜", products[0].price)]
    assert str(products[0].price) == "2.50"


def test_chinese_headers_are_understood():
    (product,) = read_catalog_csv("名称,别名,单位,分类,价格\n土豆,,斤,蔬菜,\n")
    assert (product.name, product.price) == ("土豆", None)


@pytest.mark.parametrize(
    "csv, line, code",
    [
        ("foo,bar\n", 1, "header"),
        ("name,aliases,unit,category,price\n,白菜,颗,蔬菜,1\n", 2, "name"),
        ("name,aliases,unit,category,price\n土豆,,,蔬菜,1\n", 2, "unit"),
        ("name,aliases,unit,category,price\n土豆,,斤,蔬菜,便宜\n", 2, "price"),
        ("name,aliases,unit,category,price\n土豆,,斤,蔬菜,-1\n", 2, "price"),
        ("name,aliases,unit,category,price\n土豆,,斤,,\n土豆,,斤,,\n", 3, "duplicate"),
    ],
)
def test_a_bad_catalog_row_names_its_line(csv, line, code):
    with pytest.raises(CatalogError) as error:
        read_catalog_csv(csv)
    assert (error.value.line, error.value.code) == (line, code)
