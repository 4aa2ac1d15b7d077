"""The classifier: a 接龙, a health report, a request for help, or talk."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.chat.classify import CHECKIN, JIELONG, NEED, OTHER_KIND, classify

JIELONG_POST = "#接龙 2月20日蔬菜团购\n1. 3-1-201 白菜2斤 土豆3斤\n2. 3-1-202 鸡蛋1斤"


@pytest.mark.parametrize(
    "text",
    [
        JIELONG_POST,
        "1. 3-1-201 白菜2斤\n2. 3-1-202 土豆3斤\n3. 3-1-301 鸡蛋1斤",
        "#接龙\n1. 3-1-201 大米1袋",
    ],
)
def test_a_jielong_post_is_a_jielong(text):
    assert classify(text).kind == JIELONG


def test_the_entries_of_a_jielong_are_counted():
    assert classify(JIELONG_POST).entries == 2


def test_one_numbered_line_without_a_tag_is_not_a_jielong():
    assert classify("1. 3-1-201 白菜2斤").kind != JIELONG


def test_all_well_for_a_household_is_a_checkin():
    result = classify("3-1-201 全家体温正常")
    assert result.kind == CHECKIN
    (reading,) = result.readings
    assert reading.label == "3-1-201" and reading.everyone_normal


def test_temperatures_of_a_household_are_read_with_its_size():
    result = classify("5栋2单元301 三口人 36.5 36.7 36.4")
    assert result.kind == CHECKIN
    (reading,) = result.readings
    assert (reading.building, reading.unit, reading.room) == ("5", "2", "301")
    assert reading.temperatures == ("36.5", "36.7", "36.4")
    assert reading.people == 3


def test_several_households_in_one_message_are_each_read():
    result = classify("3-1-201 36.5\n3-1-202 37.8度\n3-1-301 全家正常")
    assert [r.label for r in result.readings] == ["3-1-201", "3-1-202", "3-1-301"]
    assert result.readings[1].temperatures == ("37.8",)


def test_the_room_number_is_not_read_as_a_temperature():
    (reading,) = classify("3-1-365 全家正常").readings
    assert reading.temperatures == ()


@pytest.mark.parametrize(
    "text",
    [
        "能不能帮忙买点菜",
        "求助：我家老人没有药了",
        "我妈的降压药快吃完了怎么办",
        "3-1-201 发烧38.5，能不能帮忙",
    ],
)
def test_asking_for_help_is_a_need(text):
    assert classify(text).kind == NEED


def test_a_crisis_is_a_need_even_beside_a_room_and_temperatures():
    result = classify("3-1-201 36.5 我不想活了")
    assert result.kind == NEED and result.crisis and result.priority == 1
    assert result.room == "3-1-201"


def test_a_need_carries_triages_category():
    assert classify("我家药快吃完了").category == "medicine"


@pytest.mark.parametrize(
    "text", ["收到", "谢谢楼长", "今天的菜很新鲜，谢谢志愿者", "大家早上好", "", "   ", "👍"]
)
def test_talk_is_other(text):
    assert classify(text).kind == OTHER_KIND


@given(st.text(max_size=300))
def test_any_text_is_classified_without_raising(text):
    assert classify(text).kind in {JIELONG, NEED, CHECKIN, OTHER_KIND}


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=80))
def test_a_crisis_phrase_is_always_a_need(prefix):
    # ASCII only: a Chinese prefix could negate it on purpose (没有不想活了), which triage honours.
    assert classify(prefix + "\n我不想活了").kind == NEED
