"""Pinyin keys for finding residents by how a captain types on a phone.

`hb` or `huangbin` should find 黄彬. A surname with its own reading (单 is shan,
曾 is zeng, 解 is xie) is read as a surname, since that is what people type.
"""

from pypinyin import Style, lazy_pinyin

# Characters whose reading as a surname differs from pypinyin's default reading.
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha",
    "朴": "piao", "盖": "ge", "乐": "yue", "覃": "qin", "缪": "miao", "翟": "zhai",
    "尉": "yu", "繁": "po", "牟": "mu", "种": "chong", "秘": "bi", "员": "yun",
}  # fmt: skip


def pinyin_keys(name: str) -> tuple[str, str]:
    """Return (full pinyin, initials), both lower-case ASCII without spaces."""
    name = (name or "").strip()
    if not name:
        return "", ""
    syllables = lazy_pinyin(name, style=Style.NORMAL)
    if name[0] in _SURNAME_READINGS and syllables:
        syllables[0] = _SURNAME_READINGS[name[0]]
    syllables = [s.strip().lower() for s in syllables if s.isascii() and s.strip()]
    return "".join(syllables), "".join(s[0] for s in syllables)
