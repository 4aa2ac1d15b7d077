"""Mainland resident ID numbers (GB 11643): check digit, birth date, masking.

Pure functions, no Django.
"""

import datetime
import unicodedata

from linli.community.reasons import ReasonError, gettext_noop

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


class IdNumberError(ReasonError):
    pass


def check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 over the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def normalize_id_number(raw: object) -> str:
    """Return the 18-character ID number in upper case, "" when empty.

    Raises IdNumberError with the reason (a translatable Reason) when the
    length, the date of birth or the check digit is wrong.
    """
    if raw is None:
        return ""
    text = unicodedata.normalize("NFKC", str(raw)).strip().replace(" ", "").upper()
    if not text:
        return ""
    if len(text) != 18:
        raise IdNumberError(gettext_noop("身份证号应为18位，这里是%(n)d位"), n=len(text))
    # ASCII digits only: str.isdigit() also accepts digits int() cannot read.
    digits = text[:17].isascii() and text[:17].isdigit()
    if not digits or text[17] not in "0123456789X":
        raise IdNumberError(gettext_noop("身份证号只能是数字，最后一位可以是X"))
    try:
        datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise IdNumberError(gettext_noop("身份证号中的出生日期不存在")) from None
    if check_digit(text[:17]) != text[17]:
        raise IdNumberError(gettext_noop("身份证号校验位不对，可能有数字抄错"))
    return text


def birth_year(id_number: str) -> int | None:
    return int(id_number[6:10]) if len(id_number) == 18 else None


def mask_id_number(id_number: str) -> str:
    if not id_number:
        return ""
    return f"{id_number[:3]}{'*' * 11}{id_number[-4:]}"
