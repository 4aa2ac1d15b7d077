"""Is this word a person's name? Residents sign entries `黄彬`, `马`, `白阿姨`, `段师傅`,
`老李`, `Tony`; a word that starts with a common surname or ends with a form of
address is a name even where a product could stand."""

import re
from functools import lru_cache

# The commonest surnames (about 95% of people); rarer ones still count as names
# where nothing but a name can stand (right after the address, see pairing.py).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米杭"
    "巴闵邬胥寇商郎池乐桂揭洪蔺鄢"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐")
HONORIFICS = (
    "阿姨", "师傅", "老师", "奶奶", "爷爷", "婆婆", "爹爹", "嗲嗲", "姆妈", "妈妈", "爸爸",
    "先生", "女士", "小姐", "医生", "护士", "大姐", "大哥", "大爷", "大妈", "姐", "哥", "叔",
    "婶", "嫂", "姨", "伯", "妹", "弟", "总", "工", "家",
)  # fmt: skip
# Words that stand where a name would but are courtesy or bookkeeping.
NOT_NAMES = {
    "谢谢", "感谢", "多谢", "辛苦", "辛苦了", "麻烦", "麻烦了", "团长", "团长辛苦", "收到",
    "好的", "已付", "已转", "已付款", "付了", "转了", "备注", "加急", "急", "急需", "没有",
    "不要", "门口", "放门口", "自提", "送货", "同上", "一样", "无", "新增", "补", "补充", "取消",
    "修改", "改", "更正", "代", "代买", "代订", "帮", "业主", "楼长", "接龙",
}  # fmt: skip
_CJK_WORD = re.compile(r"^[\u3400-\u9fff]{1,6}$")
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z .'-]{0,19}$")


# Both checks are pure and a post asks them of the same few hundred words (names,
# and products standing where a name could) again and again.
@lru_cache(maxsize=65536)
def is_strong_name(word: str) -> bool:
    """A name by its shape: a surname first, or a form of address last."""
    if word in NOT_NAMES:
        return False
    if _LATIN_WORD.match(word):
        return True
    if not _CJK_WORD.match(word):
        return False
    if word.endswith(HONORIFICS):
        return True
    if word.startswith(COMPOUND_SURNAMES):
        return len(word) <= 4
    if word[0] in "小老阿" and len(word) in (2, 3) and word[1] in SURNAMES:
        return True
    return word[0] in SURNAMES and len(word) <= 3


@lru_cache(maxsize=65536)
def is_plain_name(word: str) -> bool:
    """A short word that could be a name where nothing else can stand."""
    if word in NOT_NAMES:
        return False
    return bool(_LATIN_WORD.match(word) or (_CJK_WORD.match(word) and len(word) <= 5))
