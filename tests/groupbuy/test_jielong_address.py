"""Addresses: every form the contract lists, and where the name stands."""

import pytest

from linli.groupbuy.jielong.address import find_address
from tests.groupbuy.helpers import address


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9-1-201", ("9", "1", "201")),
        ("9栋1单元201", ("9", "1", "201")),
        ("9号楼1单元201室", ("9", "1", "201")),
        ("9幢1单元201", ("9", "1", "201")),
        ("9栋1-201", ("9", "1", "201")),
        ("9#1-201", ("9", "1", "201")),
        ("9号楼2单元1502", ("9", "2", "1502")),
        ("11-208", ("11", None, "208")),
        ("11栋208", ("11", None, "208")),
        ("11#208", ("11", None, "208")),
        ("B3-1-502", ("B3", "1", "502")),
        ("b3-1-502", ("B3", "1", "502")),
        ("十号楼二单元1101", ("10", "2", "1101")),
        ("九栋一单元六零一", ("9", "1", "601")),
        ("九栋", ("9", None, None)),
        ("1单元201", (None, "1", "201")),
        ("295-909", ("295", None, "909")),
        ("9—1—201", ("9", "1", "201")),
    ],
)
def test_every_address_form(text, expected):
    found, start, end = find_address(text)
    assert (found.building, found.unit, found.room) == expected
    assert text[start:end] == text


def test_a_quantity_is_never_read_as_a_room():
    assert find_address("土豆2-3斤") is None
    found, _, _ = find_address("11栋 20个鸡蛋")
    assert (found.building, found.room) == ("11", None)


def test_a_room_before_liang_jin_keeps_its_digits():
    found, _, _ = find_address("9-1-1203 两斤土豆")
    assert found.room == "1203"


@pytest.mark.parametrize(
    "line, name",
    [
        ("9-1-201 黄彬 土豆2斤", "黄彬"),
        ("黄彬 9-1-201 土豆2斤", "黄彬"),
        ("11栋208李 排骨1斤", "李"),
        ("陶12栋1单元808 纯牛奶1箱", "陶"),
        ("9-1-201 土豆2斤 黄彬", "黄彬"),
        ("9-1-201 白阿姨 土豆2斤", "白阿姨"),
        ("9-1-201 Tony 土豆2斤", "Tony"),
        ("9-1-201 姜 土豆2斤", "姜"),
        ("9-1-201 黄彬茼蒿2斤", "黄彬"),
        ("9-1-201 土豆2斤", None),
        ("张三 9-1-201 土豆2斤", "张三"),
        ("9-1-201 李四：西红柿3斤", "李四"),
        ("9#208 王五 土豆x2", "王五"),
    ],
)
def test_the_name_stands_before_or_after_the_address_or_touches_it(entry, line, name):
    assert entry(line).name == name


def test_a_name_touching_the_room_is_not_part_of_it(entry):
    parsed = entry("11栋208李 排骨1kg")
    assert address(parsed) == ("11", None, "208")
    assert parsed.name == "李"


def test_an_entry_without_an_address_has_none(entry):
    parsed = entry("黄彬 土豆2斤")
    assert parsed.address is None
    assert parsed.name == "黄彬"


def test_a_second_address_is_left_for_a_person_to_read(entry):
    parsed = entry("9-1-201 黄彬 土豆2斤 帮9-2-301带")
    assert address(parsed) == ("9", "1", "201")
    assert "9-2-301" in parsed.unparsed
