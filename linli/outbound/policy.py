"""When to try a delivery again. Plain arithmetic, no Django: 1, 5, 25 … minutes
after each failed attempt, and no seventh attempt.

A chat robot that is rate-limited for a minute, or an SMS gateway down for an
hour, is still reached; a delivery that cannot succeed stops after about 13
hours of trying (1 + 5 + 25 + 125 + 625 minutes) and waits for a person.
"""

from datetime import timedelta

MAX_ATTEMPTS = 6
FIRST_DELAY_MINUTES = 1
FACTOR = 5
# A ceiling, so a hand-retried delivery with a long history still comes back the next day.
LONGEST_DELAY_MINUTES = 24 * 60


def retry_delay(attempts: int) -> timedelta:
    """How long after the `attempts`-th attempt (1-based) to try again."""
    exponent = min(max(attempts - 1, 0), 10)  # 5**10 minutes is far past the ceiling
    minutes = min(FIRST_DELAY_MINUTES * FACTOR**exponent, LONGEST_DELAY_MINUTES)
    return timedelta(minutes=minutes)


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
