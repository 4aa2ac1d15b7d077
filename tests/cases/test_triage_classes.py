"""The screen's classes of meaning: each says the same thing in ways no test set held."""

import re

import pytest

from linli.cases.triage import triage
from linli.cases.triage_pinyin import sounds_like


def codes(text):
    return [r.code for r in triage(text).reasons]


@pytest.mark.parametrize(
    "text",
    [
        "活着真的好痛苦",
        "我好想早点解脱",
        "我实在撑不下去了",
        "每天都没盼头，不知道活着干嘛",
        "人生一点意义都没有了",
        "睡过去就好了，不想再醒了",
        "我想离开这个世界",
        "老伴走了，我想去找他",
        "我就是个负担，早点走了大家都轻松",
        "我感觉自己是多余的，没有我大家会过得更好",
    ],
)
def test_hopelessness_and_the_wish_for_release_are_suicidal_thoughts(text):
    assert "suicide" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "存折和密码我都放在抽屉里了，以后照顾好你妈",
        "对不起爸妈，下辈子再孝顺你们",
        "永别了",
        "我写了信，等你看到这封信我应该已经不在了",
    ],
)
def test_farewells_and_final_arrangements_are_suicidal_signs(text):
    assert "suicide" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "我攒了好多安眠药",
        "住几楼跳下去会死",
        "有没有无痛的死法",
        "绳子已经准备好了，不想拖累你们",
        "我把药都存起来了，够了",
    ],
)
def test_means_and_planning_are_suicidal_signs(text):
    assert "suicide" in codes(text)


@pytest.mark.parametrize("text", ["我不相活了", "不想或了", "或者没意思", "我想自沙"])
def test_homophone_typos_of_the_core_phrases_are_read(text):
    assert "suicide" in codes(text)


def test_homophones_are_generated_one_swap_at_a_time():
    pattern = re.compile(sounds_like("不想活"))
    assert pattern.fullmatch("不相活") and pattern.fullmatch("不想或")
    assert not pattern.fullmatch("不相或")


def test_a_conditional_threat_to_die_is_a_threat_not_a_hypothetical():
    assert triage("男朋友说如果我跟他分手他就去死").crisis
    assert not triage("社区说如果有人想不开要及时上报").crisis
    assert not triage("哈哈我妈说我再不洗碗就打死我").crisis


@pytest.mark.parametrize(
    "text",
    [
        "我爸叫不怎么醒",
        "喊了半天都没有反应",
        "不醒人事",
        "老头子说话突然含糊不清，口水直流",
        "奶奶舌头发大",
        "半边身子麻了",
        "宝宝吃奶呛到了，脸都紫了",
        "胸口压得厉害",
        "孩子抽筋一直不停",
        "血流了一地，止都止不住",
        "老人前几天摔倒了，起不来，一直躺着",
        "孩子从床上摔下来磕到头，一直吐",
        "她吃了一整瓶药",
        "我妈血糖只有1.8",
        "宝宝两个月，烧到39.5度",
    ],
)
def test_medical_emergencies_are_read_by_their_signs(text):
    assert "medical_emergency" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "家里就剩我和我妹妹了，爸爸妈妈都被救护车接走了",
        "没人给我们做饭，爸爸妈妈都住院了",
        "奶奶老年痴呆，现在一个人在家",
        "对面楼的独居老人三天没开门了",
        "我妈一个人住，打电话没人接，好几天没动静了",
    ],
)
def test_a_dependant_left_alone_or_an_elder_not_heard_from_is_a_crisis(text):
    assert "left_alone" in codes(text)


@pytest.mark.parametrize(
    "text",
    ["他打了我一巴掌，还把我推到墙上", "他拿着刀站在门口", "快报警，他要砍人", "前夫在门口砸门"],
)
def test_violence_is_read_with_its_weapons_and_calls_for_the_police(text):
    assert "violence" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        # intensifiers
        "等菜等得我想死",
        "疼得生不如死，牙疼",
        "我原地去世",
        "这几天熬夜熬不住了，想早点睡",
        "店撑不下去了，房租交不起",
        # calm past
        "以前被家暴过，现在离婚了挺好的",
        "我十几年前割过腕，现在过得很好，想当志愿者",
        "我以前出过车祸，腿不好，需要人帮忙拿菜",
        "我爸中风以后半边身子不能动，需要人帮忙洗澡",
        # general questions, stories, animals
        "请问晕倒了应该怎么急救？我想学一下",
        "新闻里说有个人在家里自杀了，好可怕",
        "我家狗狗误吃了巧克力",
        "我家的猫从楼上摔下来了，一直吐",
        # ordinary life
        "我不想活在恐惧里",
        "我一个人住，好几天没出门了，心情很差",
        "我妈行动不便，一个人在家，需要买菜",
        "我爸有脑梗，需要买药",
        "手机没反应了",
        "孩子整天躺着不动，就知道玩手机",
        "拿着刀在切菜，手划了个小口子",
        "打我们这个电话就行",
    ],
)
def test_figures_of_speech_calm_pasts_questions_stories_and_pets_are_not_crises(text):
    assert not triage(text).crisis, codes(text)


def test_a_calm_past_of_self_harm_still_asks_for_a_follow_up():
    result = triage("我十几年前割过腕，现在过得很好")
    assert result.priority == 3 and "past_ideation" in [r.code for r in result.reasons]


@pytest.mark.parametrize(
    "text",
    [
        "我把玩具和衣服都送给同学了，对不起爸爸妈妈",
        "他坐在窗台边上，腿挂在栏杆外面",
        "想好了，等他们睡了就去江边，再也不回来了",
        "要是我不在了，大家是不是都好过一点",
        "我也是个废人，后面的事都安排好了，不想再给大家添麻烦",
    ],
)
def test_giving_away_the_edge_and_going_for_good_are_suicidal_signs(text):
    assert "suicide" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "我上五年级，妈妈被送医院了，我一个人在家",
        "我和弟弟在家，妈妈去医院一直没回来",
        "奶奶有点痴呆，刚才社区说她走丢了",
        "我哥智力残疾，我妈被带走隔离了，他一个人在家",
    ],
)
def test_a_child_writing_or_a_dependant_gone_missing_is_left_alone(text):
    assert "left_alone" in codes(text)


@pytest.mark.parametrize(
    "text",
    ["哮喘犯了，吸不进气", "宝宝高热惊厥", "他突然脸垮下来了，说话听不懂", "胸口闷，左手臂发麻"],
)
def test_more_medical_signs_are_read(text):
    assert "medical_emergency" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "上次说我爸药吃多了是我看错了，其实没多吃",
        "不小心多吃了一片降压药，医生说没事",
        "我爸那次心梗是前年的事了，现在按时吃药",
        "我之前割过腕，那是高中的事了，现在手上还有疤",
    ],
)
def test_corrections_one_extra_pill_and_old_scars_are_not_crises(text):
    assert not triage(text).crisis, codes(text)


def test_a_space_between_runs_of_words_is_a_pause_and_a_spaced_phrase_still_reads():
    assert triage("说了你们别笑 晚上睡不着就想划一下").crisis
    assert triage("我 想 死").crisis and triage("不想 活了").crisis
    assert triage("我真的受不了了想死").crisis
