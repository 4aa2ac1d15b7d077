import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.community.idcard import (
    IdNumberError,
    check_digit,
    mask_id_number,
    normalize_id_number,
)
from linli.community.names import pinyin_keys
from linli.community.phone import PhoneError, mask_phone, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "13800000000",
        "138 0000 0000",
        "138-0000-0000",
        "１３８００００００００",
        "+86 138 0000 0000",
        "0086 13800000000",
        "8613800000000",
        13800000000,
        13800000000.0,
        "13800000000.0",
        " 13800000000 ",
    ],
)
def test_a_mobile_number_in_any_common_spelling_becomes_eleven_digits(raw):
    assert normalize_phone(raw) == "13800000000"


def test_a_wuhan_landline_keeps_its_area_code():
    assert normalize_phone("027 8888 6666") == "027-88886666"
    assert normalize_phone("(027)88886666") == "027-88886666"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1380000000", "11位"),
        ("138000000000", "11位"),
        ("12000000000", "号段"),
        ("138abc00000", "数字"),
        ("+1 415 555 0100", "中国大陆"),
        (13800000000.5, "整数"),
    ],
)
def test_a_bad_phone_number_is_refused_with_a_reason_in_chinese(raw, reason):
    with pytest.raises(PhoneError, match=reason):
        normalize_phone(raw)


def test_an_empty_phone_is_allowed_since_many_elderly_residents_have_none():
    assert normalize_phone("") == ""
    assert normalize_phone(None) == ""


@given(st.text(max_size=40))
def test_normalizing_any_text_either_succeeds_or_raises_a_phone_error(text):
    try:
        result = normalize_phone(text)
    except PhoneError:
        return
    assert result == normalize_phone(result)


def test_a_masked_phone_shows_only_its_first_three_and_last_four_digits():
    assert mask_phone("13812345678") == "138****5678"


def test_a_valid_id_number_passes_and_is_upper_cased():
    first17 = "42010619800101001"
    number = first17 + check_digit(first17)
    assert normalize_id_number(number.lower()) == number
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("420106198001010017", "校验位"),
        ("42010619800101001", "18位"),
        ("420106198002300016", "出生日期"),
        ("4201061980010100AB", "数字"),
    ],
)
def test_a_bad_id_number_is_refused_with_the_reason(raw, reason):
    with pytest.raises(IdNumberError, match=reason):
        normalize_id_number(raw)


def test_a_masked_id_number_hides_the_birth_date():
    assert mask_id_number("420106198001010015") == "420***********0015"


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("黄彬", "huangbin", "hb"),
        ("付婷婷", "futingting", "ftt"),
        ("单雄信", "shanxiongxin", "sxx"),
    ],
)
def test_names_get_the_pinyin_keys_people_type(name, full, initials):
    assert pinyin_keys(name) == (full, initials)


def test_digits_that_are_digits_only_to_unicode_are_refused_with_the_reason():
    # U+10A40 passes str.isdigit() but int() cannot read it.
    with pytest.raises(IdNumberError, match="只能是数字"):
        normalize_id_number("42010619800101\U00010a40\U00010a40\U00010a401")
