"""Bytes of a pasted file to text: UTF-8 (with or without BOM) or GB18030, which
is what Windows Excel and older Chinese editors save."""

import re


class DecodeError(ValueError):
    """Not text: binary content or an unknown encoding (`reason` says which)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_BOM = b"\xef\xbb\xbf"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    if b"\x00" in data:
        raise DecodeError("binary")
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        encodings = ("utf-8",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DecodeError("encoding")
    # Random bytes sometimes pass as GB18030; text has (almost) no control characters.
    controls = len(_CONTROL.findall(text, 0, 100_000))
    if controls and controls * 100 > min(len(text), 100_000):
        raise DecodeError("binary")
    return text
