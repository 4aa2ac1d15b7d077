"""The QR code on a pass: a full QR code (scanners do not read Micro QR) of the code alone."""

import re

import segno

from linli.gate.codes import new_code
from linli.gate.templatetags.gate import qr_svg


def test_the_pass_qr_is_a_full_qr_code_holding_just_the_code():
    code = new_code()
    svg = qr_svg(code)
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    assert size >= 21 + 2 * 4  # version 1 is 21 modules a side, plus a 4-module quiet zone
    assert 'class="qr"' in svg and "width=" not in svg.split(">")[0]
    # The same symbol segno builds for the code as data: what a scanner types back.
    assert svg == segno.make_qr(code, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="qr"
    )
