"""Units of measure: weights become 斤, counting words are kept as written."""

JIN = "斤"
DOZEN = "打"
LIANG = "两"

# How many 斤 one of each weight unit is. 两 is a tenth of a 斤 only after a number
# (`二两`); elsewhere it is the number two, which numbers.py handles.
WEIGHT_IN_JIN = {
    "斤": 1.0, "市斤": 1.0, "两": 0.1, "公斤": 2.0, "千克": 2.0, "kg": 2.0,
    "克": 0.002, "g": 0.002,
}  # fmt: skip

# Counting words, kept as written except 棵, which is the same word as 颗 for a
# cabbage and is tallied as one.
COUNT_UNITS = str.split(
    "个 只 颗 棵 把 条 袋 包 盒 箱 瓶 桶 块 提 份 扎 捆 根 瓣 头 支 枝 板 罐 听 件 双 "
    "盘 串 束 卷 片 枚 粒 筐 兜 网 壶 套 节 碗 杯 篮 副 升 毫升 ml 打"
)
RENAMED = {"棵": "颗", "ML": "ml", "Ml": "ml"}

# Longest first, so that 公斤 is not read as 斤 after 公 and 毫升 not as 升.
ALL_UNITS = sorted(set(WEIGHT_IN_JIN) | set(COUNT_UNITS), key=len, reverse=True)


def unit_pattern(without: tuple = (), only: tuple | None = None) -> str:
    """A regular expression for every unit; kg/g/ml in any case.

    Python's re tries alternatives one by one, so a look-ahead on the first
    character lets the common case (no unit here) fail at once."""
    parts, first = [], set()
    for unit in ALL_UNITS:
        if unit in without or (only is not None and unit not in only):
            continue
        parts.append(f"(?i:{unit})" if unit.isascii() else unit)
        first |= {unit[0], unit[0].upper()}
    return f"(?=[{''.join(sorted(first))}])(?:{'|'.join(parts)})"


def canonical(unit: str) -> str:
    unit = unit.lower() if unit.isascii() else unit
    return RENAMED.get(unit, unit)


def to_jin(unit: str) -> float | None:
    """斤 per one of this unit, or None when it is not a weight."""
    return WEIGHT_IN_JIN.get(canonical(unit))
