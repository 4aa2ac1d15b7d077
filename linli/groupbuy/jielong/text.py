"""Line clean-up: what phone keyboards and WeChat put into a pasted 接龙, reduced to
plain text the parser can read.

NFKC folds full-width digits and punctuation (`２` `，` `（`) and `㎏` into their
plain forms; emoji and WeChat's own `[微笑]` codes become spaces, so that they
never glue a name to a product; circled and keycap numbers at the start of a
line (`①` `1️⃣`) become ordinary entry marks.
"""

import re
import unicodedata

# Characters that mean "times" or act as bullets; mapped before emoji are removed,
# because several of them live in the emoji blocks (✖ is a dingbat).
_TRANSLATE = str.maketrans(
    {
        "✖": "x", "✕": "x", "✗": "x", "╳": "x", "Ｘ": "x", "ｘ": "x",
        "•": " ", "·": " ", "●": " ", "○": "〇", "◆": " ", "▪": " ", "→": " ", "⇒": " ",
        "\u3000": " ", "\t": " ",
    }
)  # fmt: skip

_TO_TRANSLATE = re.compile("[" + "".join(map(chr, _TRANSLATE)) + "]")

_EMOJI_CHARS = (
    "\U0001f000-\U0001faff"  # pictographs, faces, transport, symbols, skin tones
    "\U000e0000-\U000e007f"  # tag characters in flag sequences
    "\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff"  # arrows, dingbats, shapes
    "\ufe00-\ufe0f\u200b-\u200f\u2060\ufeff\u20e3"  # variation selectors, joiners
    "\u3030\u303d\u3297\u3299\u00a9\u00ae\u2122"
)
_EMOJI = re.compile("[" + _EMOJI_CHARS + "]+")

# WeChat copies its built-in faces as text in square brackets.
_WECHAT_FACES = str.split(
    "微笑 撇嘴 色 发呆 得意 流泪 害羞 闭嘴 睡 大哭 尴尬 发怒 调皮 呲牙 惊讶 难过 酷 冷汗 抓狂 吐 "
    "偷笑 愉快 可爱 白眼 傲慢 饥饿 困 惊恐 流汗 憨笑 悠闲 大兵 奋斗 咒骂 疑问 嘘 晕 疯了 折磨 衰 "
    "骷髅 敲打 再见 擦汗 抠鼻 鼓掌 糗大了 坏笑 左哼哼 右哼哼 哈欠 鄙视 委屈 快哭了 阴险 亲亲 吓 "
    "可怜 菜刀 西瓜 啤酒 篮球 乒乓 咖啡 饭 猪头 玫瑰 凋谢 嘴唇 示爱 爱心 心碎 蛋糕 闪电 炸弹 刀 "
    "足球 瓢虫 便便 月亮 太阳 礼物 拥抱 强 弱 握手 胜利 抱拳 勾引 拳头 差劲 爱你 NO OK 爱情 飞吻 "
    "跳跳 发抖 怄火 转圈 磕头 回头 跳绳 投降 激动 街舞 献吻 左太极 右太极 嘿哈 捂脸 奸笑 机智 "
    "皱眉 耶 吃瓜 加油 汗 天啊 Emm 社会社会 旺柴 好的 打脸 哇 翻白眼 666 让我看看 叹气 苦涩 "
    "裂开 合十 福 烟花 爆竹 红包 發 囧 笑脸 生病 破涕为笑 恐惧 失望 无语 Yeah! 吐舌 脸红 庆祝"
)
_WECHAT_FACE = re.compile(r"\[(?:" + "|".join(map(re.escape, _WECHAT_FACES)) + r")\]")

# ① … ⑳, ❶ … ❿, ➀ … ➉, ➊ … ➓ at the start of a line number an entry.
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}
for _base in (0x2776, 0x2780, 0x278A):
    _CIRCLED.update({chr(_base + i): i + 1 for i in range(10)})
_LEAD_CIRCLED = re.compile("^\\s*([" + "".join(_CIRCLED) + "])")
_LEAD_KEYCAP = re.compile(r"^\s*((?:[0-9]\ufe0f?\u20e3)+)")
# Either of the two, in one match: most lines have neither.
_LEAD_ANY = re.compile("^\\s*(?:[" + "".join(_CIRCLED) + "]|[0-9]\ufe0f?\u20e3)")
# Any character that one of the steps before NFKC acts on; a line without one (most
# lines of a post) goes straight to NFKC, with one scan instead of four.
_SPECIAL = re.compile(
    "[" + "".join(map(chr, _TRANSLATE)) + _EMOJI_CHARS + "\\[" + "".join(_CIRCLED) + "]"
)


def _lead_mark(line: str) -> str:
    m = _LEAD_CIRCLED.match(line)
    if m:
        return f"{_CIRCLED[m.group(1)]}." + line[m.end() :]
    m = _LEAD_KEYCAP.match(line)
    if m:
        digits = "".join(c for c in m.group(1) if c.isdigit())
        return f"{digits}." + line[m.end() :]
    return line


def clean_line(line: str) -> str:
    """One pasted line as plain, NFKC-folded text without emoji, stripped."""
    if line.isascii():
        return line.strip()
    if not _SPECIAL.search(line):
        return unicodedata.normalize("NFKC", line).strip()
    if _LEAD_ANY.match(line):
        line = _lead_mark(line)
    if _TO_TRANSLATE.search(line):  # str.translate looks up every character: slow
        line = line.translate(_TRANSLATE)
    if "[" in line:
        line = _WECHAT_FACE.sub(" ", line)
    line = _EMOJI.sub(" ", line)
    return unicodedata.normalize("NFKC", line).strip()
