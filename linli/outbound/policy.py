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


def retry_delay(attempts: int) -> timedelta:
    """How long after the `attempts`-th attempt (1-based) to try again."""
    return timedelta(minutes=FIRST_DELAY_MINUTES * FACTOR ** max(attempts - 1, 0))


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
