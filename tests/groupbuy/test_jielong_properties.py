"""Properties of the 接龙 parser over inputs nobody wrote by hand."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linli.groupbuy.jielong import DecodeError, decode_text, parse
from tests.groupbuy.conftest import demo_catalog

CATALOG = demo_catalog()
FRAGMENTS = [
    "#接龙", "例：", "1.", "2、", "3)", "\n", "\n\n", " ", "，", "、", "+", "各", "x3", "*2",
    "(", ")", "（", "）", "【", "】", "9-1-201", "11栋208", "十号楼二单元1101", "B3-1-502",
    "黄彬", "白阿姨", "土豆", "茼蒿", "五花肉", "84消毒液", "土逗", "芦笋", "2斤", "三斤", "半斤",
    "一斤半", "两", "俩", "1斤2两", "250g", "1kg", "一打", "1.5", "😊", "[玫瑰]", "①", "1️⃣",
    "团购", "截单", "\r\n", "\t",
]  # fmt: skip
# Characters that break lines; a "line" in the properties below holds none of them.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

posts = st.one_of(
    st.text(max_size=3000),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=200).map("".join),
)
lines = st.lists(
    st.one_of(
        st.sampled_from([f for f in FRAGMENTS if not any(c in LINE_BREAKS for c in f)]),
        st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=4),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts)
def test_no_text_makes_the_parser_raise_and_the_same_text_parses_the_same(text):
    first = parse(text, CATALOG).as_dict()
    assert parse(text, CATALOG).as_dict() == first
    assert parse(text).as_dict() == parse(text).as_dict()


def test_a_megabyte_of_random_characters_does_not_raise():
    rnd = random.Random(2020)
    planes = [
        (0x20, 0x7F),
        (0x3000, 0x303F),
        (0x4E00, 0x9FFF),
        (0xFF00, 0xFFEF),
        (0x1F300, 0x1FAFF),
    ]
    chars = []
    for _ in range(1_000_000):
        low, high = rnd.choice(planes)
        chars.append(chr(rnd.randint(low, high)))
        if rnd.random() < 0.02:
            chars.append(rnd.choice(["\n", "\n1. ", "\n12、", " "]))
    text = "".join(chars)
    result = parse(text, CATALOG)
    assert result.as_dict() == parse(text, CATALOG).as_dict()


def test_a_megabyte_of_any_code_points_does_not_raise():
    rnd = random.Random(7)
    text = "".join(chr(rnd.choice([rnd.randint(0, 0xD7FF), rnd.randint(0xE000, 0x10FFFF)]))
                   for _ in range(1_000_000))  # fmt: skip
    parse(text, CATALOG)


@settings(max_examples=300, deadline=None)
@given(lines)
def test_an_entry_line_that_yields_no_item_keeps_its_text_in_unparsed(line):
    for entry in parse(f"团购\n1. {line}\n", CATALOG).entries:
        if not entry.items:
            written = line.strip()
            assert entry.unparsed == ((written,) if written else ())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_to_text_or_a_decode_error(data):
    try:
        text = decode_text(data)
    except DecodeError:
        return
    parse(text, CATALOG)


PRODUCTS = [p for p in CATALOG.products]
ADDRESSES = [
    ("{b}-{u}-{r}", True), ("{b}栋{u}单元{r}", True), ("{b}号楼{u}单元{r}室", True),
    ("{b}幢{u}单元{r}", True), ("{b}-{r}", False), ("{b}栋{r}", False), ("{b}#{r}", False),
]  # fmt: skip


@st.composite
def orders(draw):
    form, has_unit = draw(st.sampled_from(ADDRESSES))
    b, u = draw(st.integers(1, 40)), draw(st.integers(1, 6))
    r = draw(st.integers(1, 33)) * 100 + draw(st.integers(1, 4))
    address = form.format(b=b, u=u, r=r)
    name = draw(st.sampled_from(["", "黄彬", "马", "白阿姨", "段师傅", "Tony", "张三", "李四"]))
    chosen = draw(st.lists(st.sampled_from(PRODUCTS), min_size=1, max_size=4, unique=True))
    parts, expected = [], []
    for product in chosen:
        n = draw(st.integers(1, 20))
        unit = draw(st.sampled_from([product.unit, "斤"]))
        before = draw(st.booleans())
        parts.append(f"{n}{unit}{product.name}" if before else f"{product.name}{n}{unit}")
        expected.append((product.name, n, unit))
    sep = draw(st.sampled_from([" ", "，", "、", "；", " + "]))
    head = f"{name} {address}" if draw(st.booleans()) else f"{address} {name}"
    line = f"{head} {sep.join(parts)}"
    return line, (str(b), str(u) if has_unit else None, str(r)), name or None, expected


@settings(max_examples=300, deadline=None)
@given(orders())
def test_a_well_formed_order_is_read_exactly(order):
    line, address, name, expected = order
    (entry,) = parse(f"#接龙\n团购\n1. {line}\n", CATALOG).entries
    assert (entry.address.building, entry.address.unit, entry.address.room) == address
    assert entry.name == name
    assert [(i.product, i.quantity, i.unit) for i in entry.items] == expected
    assert entry.unparsed == ()


def test_a_line_break_inside_an_entry_number_does_not_break_the_parser():
    # Once raised AttributeError: a vertical tab, NEL or U+2028 inside or before the mark.
    for brk in ("\u2028", "\x0b", "\x85"):
        result = parse(f"108{brk}.23-1-103 土豆2斤\n109.{brk}23-1-104 茼蒿1斤", CATALOG)
        assert len(result.entries) >= 1
