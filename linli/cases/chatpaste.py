"""Pasted chat-group text split into messages: pure functions, no Django.

Three shapes are read, and may be mixed in one paste:
- one line per message with its sender: `张阿姨 3-1-201: 我家药快吃完了`;
- an export's header line (a name and a time) and the text on the lines below:
  `张阿姨 3-1-201 2020-02-10 09:31` then `我家药快吃完了`;
- plain lines with no sender: each line is a message.

Each message's room is looked for with the 接龙 address reader, in the sender
first (people put their room in their group nickname), then in the text.
Acknowledgements (收到, 谢谢, 好的 …) and system lines are not requests for help:
`is_chatter` tells them apart so they can be listed as skipped.
"""

import re
import unicodedata
from dataclasses import dataclass

from linli.groupbuy.jielong.address import Address, find_address

# Longest sender name we believe: group nicknames are short, sentences are not.
MAX_SENDER = 24

_DATE = r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/月]\d{1,2}日?)"
_TIME = r"(?:(?:上午|下午|晚上|凌晨)?\s*\d{1,2}:\d{2}(?::\d{2})?)"
_STAMP = rf"(?:{_DATE}\s*{_TIME}?|{_TIME})"
_HEADER_STAMP = rf"(?:{_DATE}\s*)?{_TIME}"  # a header always holds a time of day
_NAME = rf"[^\s:：\[【][^:：]{{0,{MAX_SENDER}}}?"
_OPEN, _CLOSE = r"[\[【(（]?", r"[\]】)）]?"
# A line that is only a stamp and a name (either order), e.g. an export's header.
_HEADER = re.compile(
    rf"^{_OPEN}(?P<s1>{_HEADER_STAMP}){_CLOSE}\s*(?P<n1>{_NAME})\s*$"
    rf"|^(?P<n2>{_NAME})\s+{_OPEN}(?P<s2>{_HEADER_STAMP}){_CLOSE}\s*$"
)
# A leading stamp before `name: text` (`[09:31] 张阿姨: …`, `09:31 张阿姨：…`).
_LEADING_STAMP = re.compile(rf"^{_OPEN}{_STAMP}{_CLOSE}\s*")
_SPEAKER = re.compile(rf"^(?P<who>[^:：]{{1,{MAX_SENDER}}}?)\s*[:：]\s*(?P<text>.*)$")
# A sender never holds sentence punctuation; a sentence with a colon in it does.
_NOT_A_NAME = re.compile(r"[，,。！!？?；;、“”\"]")
_SYSTEM = re.compile(
    r"撤回了一条消息|加入了群聊|邀请.*加入|移出了群聊|修改群名|^以下为新消息|^以上是打招呼的内容$|^——.*——$"
    r"|^\[(?:图片|表情|语音|视频|文件|动画表情|链接)\]$"
)
# What an acknowledgement is made of. Longest first, so 谢谢 is not 谢 + 谢.
_CHATTER_WORDS = sorted(
    """收到 收到了 谢谢 谢谢你 谢谢您 谢谢大家 多谢 感谢 感恩 好的 好滴 好嘞 好 嗯 嗯嗯 哦 噢
    ok okay 明白 了解 知道了 知道 辛苦了 辛苦 辛苦啦 楼长 社区 大家 老师 书记 同志 志愿者
    您 你 们 了 啊 呀 哈 啦 哒 滴 的 哈哈 赞 棒 点赞 早 早上好 晚安 加油 武汉加油 一起加油
    👍 🙏 💪 👌 ❤️ ❤ 🌹 [强] [抱拳] [玫瑰] [爱心] [握手] [ok] [好的] [胜利] [愉快] [微笑]""".split(),  # noqa: SIM905 (reads as the list it is)
    key=len,
    reverse=True,
)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Message:
    sender: str
    text: str
    line: int  # 1-based line of the paste where the message starts
    address: Address | None

    @property
    def room(self) -> str:
        if self.address is None:
            return ""
        parts = (self.address.building, self.address.unit, self.address.room)
        return "-".join(p for p in parts if p)


def _clean(line: str) -> str:
    # Residents' words are kept as written; only the chat app's padding goes.
    return line.replace("\u3000", " ").replace("\u200b", "").strip()


def _find_room(text: str) -> Address | None:
    # Phone keyboards give full-width digits and dashes (３－１－２０１).
    found = find_address(unicodedata.normalize("NFKC", text))
    return found[0] if found and found[0].room else None


def _header(line: str) -> str | None:
    """The sender of an export's header line, or None if the line is not one."""
    m = _HEADER.match(line)
    if not m:
        return None
    name = (m.group("n1") or m.group("n2") or "").strip()
    if not name or _NOT_A_NAME.search(name):
        return None
    return name


def _speaker(line: str) -> tuple[str, str] | None:
    """(sender, text) of a `name: text` line, or None."""
    m = _SPEAKER.match(_LEADING_STAMP.sub("", line))
    if not m:
        return None
    who, said = m.group("who").strip(), m.group("text").strip()
    if not who or not said or _NOT_A_NAME.search(who) or who.isdigit():
        return None
    # "下午3:30能来吗" holds a time, not a sender.
    if who[-1].isdigit() and said[:2].isdigit():
        return None
    return who, said


def split(text: str) -> list[Message]:
    """The messages of a pasted chat, in order."""
    messages: list[Message] = []
    pending: tuple[str, int, str] | None = None  # a header waiting for its text
    body: list[str] = []

    def flush():
        nonlocal pending, body
        if pending is not None:
            sender, n, line = pending
            # A "header" with nothing under it may have been a message: keep it whole.
            messages.append(_message(sender, " ".join(body), n) if body else _message("", line, n))
        pending, body = None, []

    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = _clean(raw)
        if not line:
            flush()  # in an export, a blank line ends the message
            continue
        sender = _header(line)
        if sender is not None:
            flush()
            pending = (sender, n, line)
            continue
        spoken = _speaker(line)
        if spoken is not None:
            flush()
            messages.append(_message(spoken[0], spoken[1], n))
        elif pending is not None:
            body.append(line)
        else:
            messages.append(_message("", line, n))
    flush()
    return messages


def _message(sender: str, text: str, line: int) -> Message:
    address = (_find_room(sender) if sender else None) or _find_room(text)
    return Message(sender, text, line, address)


def is_chatter(text: str) -> bool:
    """True for acknowledgements and system lines: nothing asked, nothing to act on."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned or _SYSTEM.search(cleaned):
        return True
    rest = cleaned.lower()
    for word in _CHATTER_WORDS:
        rest = rest.replace(word, " ")
    return not _PUNCT.sub("", rest)
