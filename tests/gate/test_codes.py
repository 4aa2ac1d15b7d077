"""Pass codes and what a gatekeeper types or a scanner sends."""

from hypothesis import given
from hypothesis import strategies as st

from linli.gate.codes import ALPHABET, LENGTH, as_code, as_room, new_code, spaced

codes = st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH).filter(
    lambda code: not code.isdigit()
)


def test_a_new_code_has_8_characters_from_the_unambiguous_alphabet_and_a_letter():
    for code in (new_code() for _ in range(200)):
        assert len(code) == LENGTH and set(code) <= set(ALPHABET) and not code.isdigit()
    assert not set("01OIL") & set(ALPHABET)


def test_a_thousand_new_codes_are_all_different():
    assert len({new_code() for _ in range(1000)}) == 1000


@given(codes)
def test_a_code_survives_spacing_lower_case_and_full_width_typing(code):
    assert as_code(code) == code
    assert as_code(spaced(code).lower()) == code
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in code)
    assert as_code(f"  {full_width} ") == code


def test_look_alikes_typed_by_hand_become_the_letters_the_alphabet_has():
    assert as_code("7kqm-3xhd") == "7KQM3XHD"
    assert as_code("0I1L2345") == "QJJJ2345"


@given(st.text(max_size=12))
def test_anything_accepted_as_a_code_is_a_valid_code(text):
    code = as_code(text)
    assert code is None or (len(code) == LENGTH and set(code) <= set(ALPHABET))


def test_an_eight_digit_number_or_a_short_word_is_not_a_code():
    assert as_code("13971000") is None
    assert as_code("ABC") is None
    assert as_code("ABCD EFGH!") is None


def test_rooms_are_read_the_ways_people_type_them():
    assert as_room("9-1-201") == ("9", "1", "201")
    assert as_room("9-201") == ("9", None, "201")
    assert as_room("9栋1单元201室") == ("9", "1", "201")
    assert as_room("９－１－２０１") == ("9", "1", "201")
    assert as_room("7KQM3XHD") is None
    assert as_room("") is None
