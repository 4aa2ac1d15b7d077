"""What an entry holds besides its order: notes in brackets, phone numbers, money
and totals, set aside before the order is read."""

import re

_NOTE = re.compile(r"\(([^()\n]*)(?:\)|$)|【([^【】\n]*)(?:】|$)|\[([^\[\]\n]*)(?:\]|$)")
_PHONE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
# The tell-tale characters of notes, money, totals and phone numbers. The 元 of 单元
# (an address) is none: _MONEY needs a digit or a space before its 元. The look-ahead
# lets the search skip, in C, every character that cannot start one of them.
RARE = re.compile(
    r"(?=[()\[\]【】元¥钱rR共合总1])"
    r"(?:(?P<bracket>[()\[\]【】])|(?P<money>(?<!单)元|[¥钱]|rmb|RMB)|(?P<total>共|合计|总计)"
    r"|(?P<phone>(?<![0-9])1[3-9][0-9]{9}(?![0-9])))"
)
# A total the resident adds up (`共5斤`) is not another item.
_TOTAL = re.compile(
    r"(?:一共|共计|合计|总共|总计|共)\s*[0-9一二两三四五六七八九十]+(?:\.[0-9]+)?\s*\w?"
)
_MONEY = re.compile(
    r"(?:已付款?|已转账?|已支付|付款|共计|合计|总计|总共|一共|共)?\s*"
    r"(?:¥\s*[0-9]+(?:\.[0-9]+)?(?:\s*元)?|[0-9]+(?:\.[0-9]+)?\s*(?:元|块钱|rmb|RMB))"
)


def set_aside(text: str, notes: list) -> str:
    """Notes in brackets, phone numbers, money and totals, moved from the text to
    the notes (each rewrite only where its tell-tale characters are)."""
    rare = {m.lastgroup for m in RARE.finditer(text)}
    if "bracket" in rare:
        text = _NOTE.sub(lambda m: _keep(notes, m.group(1) or m.group(2) or m.group(3)), text)
        text = text.replace(")", " ").replace("】", " ").replace("]", " ")
    if "phone" in rare:
        text = _PHONE.sub(lambda m: _keep(notes, m.group()), text)
    if "money" in rare:
        text = _MONEY.sub(lambda m: _keep(notes, m.group()), text)
    if "total" in rare:
        text = _TOTAL.sub(lambda m: _keep(notes, m.group()), text)
    return text


def _keep(bucket: list, text: str | None) -> str:
    text = (text or "").strip()
    if text:
        bucket.append(text)
    return " "
