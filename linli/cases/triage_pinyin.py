"""Pinyin-keyboard typos of the core crisis phrases.

Most residents type with a pinyin input method and, in a hurry or in tears, pick the
wrong candidate of the same sound: "不想或了" for 不想活了, "不相活了", "或者没意思"
for 活着没意思, "抱警" for 报警. Listing each typo by hand never ends, so the core
phrases are expanded here from a small table of the characters (and the few words)
involved: `sounds_like("不想活")` is a regular expression that also matches the
phrase with any ONE character (or listed word) swapped for one of the same sound.

One swap only: two wrong picks in a short phrase are rare, and every extra swap makes
ordinary words look like crisis phrases ("好像死了一样" must not read "好想死").
"""

import re
from functools import cache

# A character → characters of the same pinyin (tone ignored, as the keyboard does).
SAME_SOUND = {
    "活": "火或货获伙",
    "着": "者这",
    "想": "相向享",
    "死": "四似丝司斯",
    "意": "义亦易忆",
    "思": "四司丝斯私",
    "杀": "沙纱",
    "跳": "条挑",
    "楼": "搂篓喽",
    "吸": "西希息析",
    "困": "捆",
    "难": "南男",
    "昏": "婚荤",
    "迷": "米谜弥",
    "醒": "性星",
    "喘": "穿串船",
    "气": "起器汽",
    "报": "抱保爆",
    "警": "井景静境",
    "救": "就旧",
    "命": "名明",
    "搐": "畜触",
    "割": "各哥歌",
    "腕": "碗晚万",
    "撑": "称",
    "熬": "傲",
    "脱": "拖托",
}
# Whole words the keyboard offers for the same syllables ("huozhe" → 或者).
SAME_SOUND_WORDS = {
    "活着": "或者|火着|获者",
    "意思": "意四|意司|意丝",
    "自杀": "自沙|字杀",
    "报警": "报井|抱警|包警|保警|暴警",
}


@cache
def sounds_like(phrase: str) -> str:
    """A regex (no groups) for `phrase` and its one-swap homophone typos."""
    variants = [re.escape(phrase)]
    for i, ch in enumerate(phrase):
        if ch in SAME_SOUND:
            variants.append(
                re.escape(phrase[:i]) + f"[{SAME_SOUND[ch]}]" + re.escape(phrase[i + 1 :])
            )
    for word, typos in SAME_SOUND_WORDS.items():
        at = phrase.find(word)
        if at >= 0:
            head, tail = re.escape(phrase[:at]), re.escape(phrase[at + len(word) :])
            variants.append(f"{head}(?:{typos}){tail}")
    return "(?:" + "|".join(variants) + ")"
