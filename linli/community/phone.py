"""Phone numbers as residents type them and spreadsheets store them.

Pure functions, no Django: `normalize_phone` turns what arrives (full-width
digits, spaces, dashes, +86, a number stored as the float 13800000000.0) into
one canonical form, or raises PhoneError with a reason a person can act on
(a Reason, translated where it is shown).
Mobile numbers are kept as 11 digits; landlines as area code and number with
a dash, e.g. 027-88886666, which many elderly residents still give.
"""

import re
import unicodedata

import phonenumbers

from linli.community.reasons import ReasonError, gettext_noop

_FLOAT_TAIL = re.compile(r"^(\d+)\.0+$")
_SEPARATORS = re.compile(r"[\s\-–—()（）.·]")


class PhoneError(ReasonError):
    pass


def _clean(raw: object) -> str:
    if isinstance(raw, float):
        if raw != raw or not raw.is_integer():  # NaN or a fraction is no phone number
            raise PhoneError(gettext_noop("电话号码不是整数"))
        raw = int(raw)
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    match = _FLOAT_TAIL.match(text)
    if match:
        text = match.group(1)
    return _SEPARATORS.sub("", text)


def normalize_phone(raw: object) -> str:
    """Return the canonical phone number, "" for an empty value."""
    if raw is None:
        return ""
    text = _clean(raw)
    if not text:
        return ""
    if text.startswith("0086"):
        text = "+86" + text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = "+" + text
    if not re.fullmatch(r"\+?\d+", text):
        raise PhoneError(gettext_noop("电话号码只能包含数字"))
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise PhoneError(gettext_noop("无法识别的电话号码")) from None
    if number.country_code != 86:
        raise PhoneError(gettext_noop("只支持中国大陆的电话号码"))
    national = str(number.national_number)
    if national.startswith("1"):
        if len(national) != 11:
            raise PhoneError(gettext_noop("手机号应为11位，这里是%(n)d位"), n=len(national))
        if not phonenumbers.is_valid_number(number):
            raise PhoneError(gettext_noop("手机号的号段不存在"))
        return national
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(gettext_noop("固定电话号码的区号或位数不对"))
    area_length = phonenumbers.length_of_geographical_area_code(number)
    return f"0{national[:area_length]}-{national[area_length:]}"


def is_mobile(phone: str) -> bool:
    return len(phone) == 11 and phone.startswith("1")


def mask_phone(phone: str) -> str:
    """138****0000: enough to recognise, not enough to call."""
    if not phone:
        return ""
    if is_mobile(phone):
        return f"{phone[:3]}****{phone[-4:]}"
    return f"{phone[:-4].rstrip('-')[:4]}****{phone[-2:]}"
