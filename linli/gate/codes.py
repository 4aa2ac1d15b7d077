"""Pass codes and what a gatekeeper types: pure functions, no Django.

A code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
so it can be read aloud over a phone and typed by a tired gatekeeper; 31**8
(about 8.5e11) codes make guessing a valid one hopeless.
"""

import re
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
# What people type for characters that are not in the alphabet.
_LOOKALIKES = str.maketrans({"0": "Q", "O": "Q", "1": "J", "I": "J", "L": "J"})
_ROOM = re.compile(r"^([0-9A-Z]+)(?:栋|-)(?:([0-9A-Z]+)(?:单元|-))?([0-9A-Z]+)[室号]?$")


def new_code() -> str:
    """A random code with at least one letter, so no code reads as a room or a phone number."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if not code.isdigit():
            return code


def spaced(code: str) -> str:
    """ABCD EFGH: two groups of four are easier to read out and to check."""
    return f"{code[:4]} {code[4:]}" if len(code) == LENGTH else code


def _clean(text: str) -> str:
    # Scanners and phone keyboards give full-width characters and stray spaces.
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def as_code(text: str) -> str | None:
    """The pass code in what was typed or scanned, or None if it is not one."""
    cleaned = re.sub(r"[\s\-]", "", _clean(text))
    if len(cleaned) != LENGTH:
        return None
    # Codes always hold a letter (new_code), so eight digits are something else.
    if cleaned.isdigit():
        return None
    cleaned = cleaned.translate(_LOOKALIKES)
    return cleaned if all(ch in ALPHABET for ch in cleaned) else None


def as_room(text: str) -> tuple[str, str | None, str] | None:
    """(building, unit or None, room) from 9-1-201, 9-201 or 9栋1单元201."""
    cleaned = re.sub(r"\s", "", _clean(text))
    match = _ROOM.match(cleaned)
    if not match:
        return None
    building, unit, room = match.groups()
    return building, unit, room
