"""Numbers as residents type them: `3`, `1.5`, `三`, `十二`, `两`, `俩`, `半`, `六零一`."""

CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "幺": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
CN_POWERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_POWERS)


def cn_to_int(text: str) -> int | None:
    """`十` 10, `二十五` 25, `一百零五` 105; without 十/百/千 the digits are read one by
    one (`六零一` 601, as rooms are spoken). None for anything else."""
    if not text or any(c not in CN_DIGITS and c not in CN_POWERS for c in text):
        return None
    if not any(c in CN_POWERS for c in text):
        return int("".join(str(CN_DIGITS[c]) for c in text))
    total = section = 0
    digit = None
    for c in text:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c == "万":
            section = (section + (digit or 0)) * 10000
            total, section, digit = total + section, 0, None
        else:
            # A leading 十 means one ten (十二 is 12).
            section += (1 if digit is None else digit) * CN_POWERS[c]
            digit = None
    return total + section + (digit or 0)


def quantity_number(text: str) -> float | None:
    """The value of the number in a quantity, or None if it is not one.

    Two adjacent digits such as `两三` or `三四` are a spoken range ("two or three"),
    so the larger is taken: a captain would rather have one too many than too few.
    """
    if not text:
        return None
    if text == "半":
        return 0.5
    if text[0].isascii():
        try:
            return float(text)
        except ValueError:
            return None
    if len(text) == 2 and text[0] in CN_DIGITS and text[1] in CN_DIGITS:
        low, high = CN_DIGITS[text[0]], CN_DIGITS[text[1]]
        if high == low + 1:
            return float(high)
    value = cn_to_int(text)
    return None if value is None else float(value)


def plain_number(value: float) -> int | float:
    """2.0 -> 2, 1.2000000000000002 -> 1.2: what a person would write."""
    value = round(value, 4)
    return int(value) if value == int(value) else value
