"""Numbers and units: Arabic, full-width, decimals, Chinese, 两 and 俩, 半, 一打, and
weights in 斤 (docs/jielong.md, "Items")."""

import pytest

from linli.groupbuy.jielong.numbers import cn_to_int, plain_number, quantity_number
from tests.groupbuy.helpers import items


@pytest.mark.parametrize(
    "text, value",
    [("十", 10), ("十二", 12), ("二十", 20), ("二十五", 25), ("一百零五", 105), ("两百", 200),
     ("六零一", 601), ("一一零一", 1101)],
)  # fmt: skip
def test_chinese_numerals_become_integers(text, value):
    assert cn_to_int(text) == value


def test_a_word_that_is_not_a_numeral_is_none():
    assert cn_to_int("土豆") is None
    assert quantity_number("土") is None


def test_a_spoken_range_counts_as_its_upper_end():
    assert quantity_number("两三") == 3
    assert quantity_number("三四") == 4


def test_whole_quantities_print_without_a_decimal_point():
    assert plain_number(2.0) == 2 and isinstance(plain_number(2.0), int)
    assert plain_number(1 + 2 * 0.1) == 1.2


@pytest.mark.parametrize(
    "line, expected",
    [
        ("土豆3斤", ("土豆", 3, "斤")),
        ("三斤土豆", ("土豆", 3, "斤")),
        ("土豆２斤", ("土豆", 2, "斤")),
        ("土豆1.5斤", ("土豆", 1.5, "斤")),
        ("土豆两斤", ("土豆", 2, "斤")),
        ("俩西红柿", ("西红柿", 2, "斤")),
        ("洋葱两个", ("洋葱", 2, "个")),
        ("菠菜半斤", ("菠菜", 0.5, "斤")),
        ("生菜一斤半", ("生菜", 1.5, "斤")),
        ("莲藕两斤半", ("莲藕", 2.5, "斤")),
        ("鸡蛋二十个", ("鸡蛋", 20, "个")),
        ("鸡蛋十个", ("鸡蛋", 10, "个")),
    ],
)
def test_numbers_in_every_form(entry, line, expected):
    assert items(entry(f"9-1-201 {line}")) == [expected]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("牛肉二两", ("牛肉", 0.2, "斤")),
        ("猪肉1斤2两", ("猪肉", 1.2, "斤")),
        ("排骨1kg", ("排骨", 2, "斤")),
        ("排骨1KG", ("排骨", 2, "斤")),
        ("排骨1公斤", ("排骨", 2, "斤")),
        ("排骨1千克", ("排骨", 2, "斤")),
        ("五花肉250g", ("五花肉", 0.5, "斤")),
        ("五花肉500克", ("五花肉", 1, "斤")),
        ("鸡蛋2斤", ("鸡蛋", 2, "斤")),
    ],
)
def test_weights_are_always_in_jin(entry, line, expected):
    assert items(entry(f"9-1-201 {line}")) == [expected]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("鲫鱼x3", ("鲫鱼", 3, "条")),
        ("鲫鱼X3", ("鲫鱼", 3, "条")),
        ("鸡蛋*20", ("鸡蛋", 20, "个")),
        ("鸡蛋×20", ("鸡蛋", 20, "个")),
        ("鸡蛋✖️20", ("鸡蛋", 20, "个")),
        ("要一打鸡蛋", ("鸡蛋", 12, "个")),
        ("土豆", ("土豆", 1, "斤")),
        ("土豆3", ("土豆", 3, "斤")),
        ("土豆2斤x3", ("土豆", 6, "斤")),
    ],
)
def test_times_and_dozens_count_in_the_default_unit(entry, line, expected):
    assert items(entry(f"9-1-201 {line}")) == [expected]


def test_a_written_unit_is_kept_and_ke_is_counted_as_ke(entry):
    assert items(entry("9-1-201 大白菜2棵 大米1袋")) == [("大白菜", 2, "颗"), ("大米", 1, "袋")]


def test_a_range_counts_as_its_upper_end(entry):
    assert items(entry("9-1-201 土豆2-3斤")) == [("土豆", 3, "斤")]


def test_numerals_inside_a_name_are_not_a_quantity(entry):
    assert items(entry("9-1-201 五花肉2斤 84消毒液1瓶 一次性口罩2包")) == [
        ("五花肉", 2, "斤"),
        ("84消毒液", 1, "瓶"),
        ("口罩", 2, "包"),
    ]
    assert items(entry("9-1-201 三文鱼1斤 十三香1袋"))[0] == ("三文鱼", 1, "斤")


def test_a_unit_that_starts_a_product_name_belongs_to_the_name(entry):
    assert items(entry("9-1-201 1包菜 2排骨")) == [("包菜", 1, "颗"), ("排骨", 2, "斤")]
    # …unless what follows is itself a product: two rolls of paper.
    assert items(entry("9-1-201 2卷纸")) == [("卫生纸", 2, "卷")]
