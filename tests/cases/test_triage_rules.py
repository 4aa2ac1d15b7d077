"""One test per rule of the triage screen, and properties that hold for any text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linli.cases.triage import (
    CATEGORIES,
    CHILD,
    CHRONIC,
    ELDERLY_ALONE,
    MEDICAL_FAMILY,
    RAISING_TAGS,
    triage,
)


def codes(result):
    return [r.code for r in result.reasons]


@pytest.mark.parametrize(
    "text, code",
    [
        ("我不想活了", "suicide"),
        ("活着没意思", "suicide"),
        ("有轻生的念头", "suicide"),
        ("安眠药吃了很多", "suicide"),
        ("我割腕了", "self_harm"),
        ("我控制不住想伤害自己", "self_harm"),
        ("老公又打我了", "violence"),
        ("他威胁要杀了我", "violence"),
        ("我爸呼吸困难", "medical_emergency"),
        ("奶奶叫不醒了", "medical_emergency"),
        ("胸口剧痛", "medical_emergency"),
        ("孩子一个人在家，父母都被隔离了", "left_alone"),
        ("瘫痪的老人没人照顾", "left_alone"),
    ],
)
def test_each_crisis_sign_makes_a_p1_crisis_with_its_reason(text, code):
    result = triage(text)
    assert result.crisis and result.priority == 1
    assert code in codes(result)


def test_the_reason_quotes_the_phrase_in_chinese():
    (reason,) = triage("我不想活了").reasons
    assert reason.text == "提到“不想活了”（自杀念头）"


@pytest.mark.parametrize(
    "text",
    [
        "我没有想死的念头",
        "不是想死，就是心里烦",
        "并没有呼吸困难",
        "我不会自杀的",
        "没有发烧、咳嗽、呼吸困难等症状",
        "想死倒不至于，就是累",
        "如果出现呼吸困难怎么办",
    ],
)
def test_a_negated_or_hypothetical_sign_is_not_a_crisis(text):
    assert not triage(text).crisis


def test_past_thoughts_that_are_over_are_not_a_crisis_but_ask_for_a_follow_up():
    result = triage("以前想过死，现在好多了")
    assert not result.crisis
    assert "past_ideation" in codes(result) and result.priority == 3


def test_past_thoughts_that_came_back_are_a_crisis():
    assert triage("以前想过死，最近又开始想了").crisis


@pytest.mark.parametrize("text", ["邻居说她不想活了", "我妈说活着没意思", "同事说他老婆想自杀"])
def test_what_someone_else_reports_counts(text):
    assert triage(text).crisis


@pytest.mark.parametrize("text", ["别想不开啊", "千万不要伤害自己"])
def test_telling_someone_not_to_do_it_shows_the_fear_of_it(text):
    assert triage(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "热死了",
        "累死了",
        "笑死我了",
        "饿死了",
        "累得想死",
        "想死你们了",
        "手机死机了",
        "有事打我电话",
    ],
)
def test_jokes_and_other_words_with_death_are_not_crises(text):
    assert not triage(text).crisis


@pytest.mark.parametrize("text", ["想 死", "想😭死", "我已經不想活了", "活著沒意思", "ＷＯ想死！"])
def test_spacing_emoji_full_width_and_traditional_characters_do_not_hide_a_sign(text):
    assert triage(text).crisis


def test_medicine_running_out_is_p2():
    result = triage("药快吃完了，明天就没了")
    assert result.priority == 2 and not result.crisis and "medicine_out" in codes(result)


def test_high_fever_is_p2_for_a_vulnerable_person_and_p3_otherwise():
    assert triage("发烧39度").priority == 3
    assert triage("发烧39度", [CHRONIC]).priority == 2
    assert triage("老人发烧39度").priority == 2


def test_an_elderly_person_alone_without_food_is_p2():
    result = triage("家里没有吃的了", [ELDERLY_ALONE])
    assert result.priority == 2 and "no_food" in codes(result)


def test_an_ordinary_need_is_p4_and_p3_for_a_vulnerable_household():
    assert triage("想买点水果").priority == 4
    assert triage("想买点水果", [CHILD]).priority == 3


def test_each_tag_raises_one_step_with_its_reason_but_not_above_p2():
    result = triage("想买点水果", [ELDERLY_ALONE, CHRONIC, MEDICAL_FAMILY])
    assert result.priority == 2
    tag_reasons = [r for r in result.reasons if r.code.startswith("tag_")]
    assert len(tag_reasons) == 3
    assert "医护人员家属" in tag_reasons[2].text


def test_a_medical_workers_family_gets_raised_priority_from_the_text_too():
    result = triage("我老公是医生，在一线，家里需要买菜")
    assert result.priority == 3 and "tag_medical_family" in codes(result)


def test_tags_that_are_not_vulnerabilities_do_not_raise():
    assert triage("想买点水果", ["no_smartphone", "quarantine"]).priority == 4


def test_the_chosen_category_is_kept_and_otherwise_inferred():
    assert triage("我不想活了", category="supplies").category == "supplies"
    assert triage("降压药快吃完了").category == "medicine"
    assert triage("需要买米和油").category == "supplies"
    assert triage("孩子一个人在家，父母都被隔离了").category == "child_care"
    assert triage("").category == "other"


# --- Properties -------------------------------------------------------------------------

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TEXT = st.text(
    st.one_of(CJK, st.characters(), st.sampled_from("，。！？ \n不没死想活")), max_size=400
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=10_000))
def test_any_text_is_screened_without_error(text):
    result = triage(text)
    assert 1 <= result.priority <= 4 and result.category in CATEGORIES


@settings(max_examples=100, deadline=None)
@given(TEXT, st.lists(st.sampled_from(sorted(RAISING_TAGS))))
def test_the_screen_is_deterministic(text, tags):
    assert triage(text, tags) == triage(text, tags)


@settings(max_examples=150, deadline=None)
@given(
    TEXT, st.sampled_from(["我不想活了。", "我爸呼吸困难。", "他又打我了。", "孩子一个人在家。"])
)
def test_a_crisis_sentence_added_to_any_benign_text_makes_it_a_crisis(text, sentence):
    if triage(text).crisis:
        return
    assert triage(text + "\n" + sentence).crisis


@settings(max_examples=150, deadline=None)
@given(TEXT, st.lists(st.sampled_from(sorted(RAISING_TAGS))), st.sampled_from(sorted(RAISING_TAGS)))
def test_a_tag_never_lowers_priority(text, tags, tag):
    assert triage(text, tags + [tag]).priority <= triage(text, tags).priority
