"""Items: separators, quantity before or after, 各, notes, lead-in words, emoji,
and `unparsed` for what cannot be read."""

import pytest

from tests.groupbuy.helpers import items


@pytest.mark.parametrize("sep", [" ", "，", ",", "、", "；", ";", "+", "和", "  ", ""])
def test_every_separator_between_items(entry, sep):
    assert items(entry(f"9-1-201 土豆3斤{sep}鸡蛋10个")) == [("土豆", 3, "斤"), ("鸡蛋", 10, "个")]


def test_no_separator_at_all(entry):
    assert items(entry("9-1-201 葱2把蒜1斤")) == [("小葱", 2, "把"), ("大蒜", 1, "斤")]


def test_quantity_before_each_product(entry):
    expected = [("土豆", 3, "斤"), ("小葱", 1, "把"), ("包菜", 1, "颗")]
    assert items(entry("9-1-201 三斤土豆 一把葱 一颗包菜")) == expected
    assert items(entry("9-1-201 三斤土豆一把葱一颗包菜")) == expected


def test_quantity_separated_from_its_product_by_spaces(entry):
    assert items(entry("9-1-201 土豆 2斤 鸡蛋 10个")) == [("土豆", 2, "斤"), ("鸡蛋", 10, "个")]
    assert items(entry("9-1-201 两斤 土豆 三个 西红柿")) == [("土豆", 2, "斤"), ("西红柿", 3, "个")]


def test_mixed_orders_in_one_entry(entry):
    assert items(entry("9-1-201 土豆3斤 两把葱")) == [("土豆", 3, "斤"), ("小葱", 2, "把")]


def test_each_gives_every_listed_product_the_quantity(entry):
    expected = [("苹果", 2, "斤"), ("香蕉", 2, "斤"), ("梨", 2, "斤")]
    assert items(entry("9-1-201 苹果+香蕉+梨各2斤")) == expected
    assert items(entry("9-1-201 苹果、香蕉、梨各2斤")) == expected
    assert items(entry("9-1-201 苹果香蕉梨各2斤")) == expected


def test_each_splits_one_character_names_too(entry):
    assert items(entry("9-1-201 葱姜蒜各1份")) == [
        ("小葱", 1, "份"),
        ("生姜", 1, "份"),
        ("大蒜", 1, "份"),
    ]


def test_each_stops_at_the_previous_item(entry):
    assert items(entry("9-1-201 土豆2斤，苹果、香蕉各1斤")) == [
        ("土豆", 2, "斤"),
        ("苹果", 1, "斤"),
        ("香蕉", 1, "斤"),
    ]


def test_text_in_brackets_is_a_note_never_an_item(entry):
    parsed = entry("9-1-201 红菜薹2斤（要嫩的） 芦笋1斤(不要太粗)")
    assert items(parsed) == [("红菜薹", 2, "斤"), ("芦笋", 1, "斤")]
    assert parsed.note == "要嫩的；不要太粗"


def test_an_unclosed_bracket_runs_to_the_end_of_the_line(entry):
    parsed = entry("9-1-201 土豆2斤（放门口")
    assert (items(parsed), parsed.note) == ([("土豆", 2, "斤")], "放门口")


def test_lead_in_words_are_not_part_of_the_product(entry):
    assert items(entry("12-1-1206 要一打鸡蛋 来两斤橘子 买3斤土豆")) == [
        ("鸡蛋", 12, "个"),
        ("橘子", 2, "斤"),
        ("土豆", 3, "斤"),
    ]


def test_emoji_are_ignored(entry):
    parsed = entry("9-2-402 😊陈 🥔土豆x2 🥚鸡蛋×30 [玫瑰]")
    assert items(parsed) == [("土豆", 2, "斤"), ("鸡蛋", 30, "个")]
    assert parsed.name == "陈"
    assert parsed.unparsed == ()


def test_full_width_letters_and_digits_are_read(entry):
    assert items(entry("９－１－２０１ 西红柿＊３ 黄瓜２斤")) == [
        ("西红柿", 3, "斤"),
        ("黄瓜", 2, "斤"),
    ]


def test_what_cannot_be_read_goes_to_unparsed(entry):
    parsed = entry("9-1-201 黄彬 土豆2斤 谢谢团长")
    assert items(parsed) == [("土豆", 2, "斤")]
    assert parsed.unparsed == ("谢谢团长",)


def test_an_entry_that_yields_no_item_keeps_its_whole_text(entry):
    parsed = entry("9-1-201 黄彬 放在门口就行")
    assert parsed.items == ()
    assert parsed.unparsed == ("9-1-201 黄彬 放在门口就行",)


def test_a_quantity_without_a_product_is_unparsed(entry):
    parsed = entry("9-1-201 土豆2斤 3个")
    assert items(parsed) == [("土豆", 2, "斤")]
    assert parsed.unparsed == ("3个",)


def test_a_total_is_a_note_not_an_item(entry):
    parsed = entry("9-1-903 吴 茼蒿2斤 土豆3斤 共5斤")
    assert (items(parsed), parsed.note) == ([("茼蒿", 2, "斤"), ("土豆", 3, "斤")], "共5斤")


def test_a_phone_number_and_money_are_notes_not_quantities(entry):
    parsed = entry("9-2-1101 13971000001 黄瓜2斤 已付50元")
    assert items(parsed) == [("黄瓜", 2, "斤")]
    assert parsed.note == "13971000001；已付50元"


def test_an_unknown_product_without_a_quantity_is_left_for_a_person(entry):
    parsed = entry("9-1-201 黄彬 土豆2斤 香菜")
    assert items(parsed) == [("土豆", 2, "斤")]
    assert parsed.unparsed == ("香菜",)


def test_a_known_product_without_a_quantity_is_one_of_its_unit(entry):
    assert items(entry("9-1-201 黄彬 土豆 鸡蛋10个")) == [("土豆", 1, "斤"), ("鸡蛋", 10, "个")]


def test_an_unknown_product_with_a_bare_number_gets_portions(entry):
    (item,) = entry("9-1-201 芦笋2").items
    assert (item.product, item.quantity, item.unit, item.matched) == ("芦笋", 2, "份", False)
