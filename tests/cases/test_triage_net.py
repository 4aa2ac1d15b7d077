"""The safety net: risk stems the specific classes do not read are flagged for a person
to confirm (P1), unless negated, hypothetical, a figure of speech, about a thing, an
animal or a story, or a past that is over."""

import pytest

from linli.cases import triage_net
from linli.cases.triage import normalise, triage


def net_reason(text):
    return [r.text for r in triage(text).reasons if r.code == "possible_crisis"]


def test_a_febrile_mother_with_some_difficulty_breathing_is_p1_for_review():
    result = triage("我妈发烧咳嗽两天了，呼吸有点困难")
    assert result.crisis and result.priority == 1 and result.category == "medical"
    assert net_reason("我妈发烧咳嗽两天了，呼吸有点困难") == [
        "可能的危机信号：“呼吸有点困难”，请尽快人工确认"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # death and dying, living with despair, an ending
        "我真的快死了",
        "我走了，你们保重",
        "人都快没了还等什么",
        "这样活着还有什么用",
        "活够了",
        "好想一了百了",
        "想跟这个世界告别",
        # harm
        "他又割了手",
        "我吞了十几片药",
        "刀已经藏好了",
        # emergencies and someone unable to
        "出事了，快来人",
        "🆘 我妈在家晕了",
        "打了120还没来",
        "爷爷怕是不行了",
        "我妈说不出话了",
        "老人喘得很厉害",
        "老头子一天不吃不喝",
        # a dependant with no one
        "孩子一个人在家没人管",
        "我12岁，爸妈都被隔离了，家里就我和弟弟",
    ],
)
def test_risk_stems_the_classes_do_not_read_are_possible_crises(text):
    result = triage(text)
    assert result.crisis and result.priority == 1, [r.text for r in result.reasons]


@pytest.mark.parametrize(
    "text",
    [
        # figures of speech and things
        "热死了，能不能送点冰棍",
        "累得要死，终于搬完了",
        "笑死我了",
        "这菜死贵",
        "想死你们了",
        "手机卡死了，网课上不了",
        "家里的绿萝死了",
        "车动不了了，电瓶没电",
        "晕车药有吗",
        "早上起不来，闹钟能借吗",
        "小腿抽筋要补钙吗",
        "他不想活动，一直躺着",
        # negated, hypothetical, a question in general, the news, an animal
        "我们不会做傻事的，放心",
        "孩子不是一个人在家，奶奶在照顾",
        "没有呼吸困难，就是咳嗽",
        "如果出现呼吸困难怎么办",
        "请问呼吸困难要打什么电话",
        "新闻说有人自杀了",
        "邻居说要打死它，我家狗一直叫",
        # over, relieved, grief told as news, an ambulance heard
        "隔壁爹爹晕了一下，120来接走了，现在情况稳定",
        "今天隔离结束了，终于解脱了",
        "老伴去年走了，我一个人住习惯了",
        "楼下救护车一直在叫",
        "我爸以前喝醉了会动手，现在戒酒三年了",
        # a laugh, a parent with a child, one pill
        "我老公打呼噜打得我要疯了 哈哈",
        "老公在医院上班，家里就我和孩子，需要买菜",
        "不小心多吃了一片降压药",
    ],
)
def test_figures_of_speech_things_and_what_is_over_are_not_possible_crises(text):
    assert not triage(text).crisis, [r.text for r in triage(text).reasons]


def test_the_net_does_not_speak_when_a_class_has_read_the_sign():
    assert [r.code for r in triage("我不想活了").reasons] == ["suicide"]


def test_one_search_rules_out_texts_without_any_stem():
    assert triage_net.possible_crisis(normalise("想买两斤鸡蛋和一袋米")) is None
    assert triage_net._screen().search(normalise("我妈呼吸有点困难"))


@pytest.mark.parametrize(
    "text",
    [
        # farewells, heights and water, poisons
        "这是我最后一次跟大家说话了",
        "信我已经写好了，放在床头",
        "晚安，世界",
        "我的书和耳机都送给你们，以后用不上了",
        "我一个人在家，爸爸刚走了，楼顶的门开着",
        "他说去江边坐坐，就不回来了",
        "家里的农药我藏起来了，怕他喝",
        # abuse, weapons, fumes, oxygen, fits, a child alone
        "舅舅总是趁没人的时候摸我",
        "他揣着刀出门了，说要去找那个人",
        "屋里烧着炭盆，一家人都头晕想吐",
        "我妈血氧只有86了",
        "他抽了好几分钟还没停",
        "我9岁，自己在家两天了",
        "I can't breathe and nobody is home",
    ],
)
def test_farewells_heights_poisons_abuse_fumes_and_a_child_alone_are_possible_crises(text):
    assert triage(text).crisis, [r.text for r in triage(text).reasons]


@pytest.mark.parametrize(
    "text",
    [
        # not in earnest, joy, exasperation, a condition with 再
        "我不活了哈哈，这道题做了一下午",
        "剪了个丑刘海，活不下去了（bushi）",
        "我要死了，团购的蛋糕居然到了",
        "救命，我把饺子煮破了",
        "你再动我零食我就弄死你，我弟说的，哈哈",
        "气得我想揍他，当然只是想想",
        # a negated consequence, a past death told as background, a story, a body part
        "上周摔了一跤，拍了片没骨折",
        "前年我同学自杀了，我在做这方面的调研",
        "看了个电视剧，男主最后跳楼了，哭惨了",
        "最近腿不行了，想问问有没有上门理发",
        # oxygen fine, an ache that is better
        "血氧97正常吗",
        "昨天有点胸闷，今天好多了",
    ],
)
def test_jokes_joy_exasperation_and_what_is_over_are_not_crises(text):
    assert not triage(text).crisis, [r.text for r in triage(text).reasons]


def test_a_story_in_another_clause_does_not_hide_a_farewell():
    assert triage("他把游戏账号和衣服都送人了，说以后用不上了").crisis
