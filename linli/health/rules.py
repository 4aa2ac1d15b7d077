"""Health rules with no Django imports: what counts as abnormal, when a
quarantine ends, who still looks after a household. Fast and property-tested."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

LOWEST = Decimal("34.0")
HIGHEST = Decimal("43.0")
DEFAULT_FEVER_THRESHOLD = Decimal("37.3")
# Under this age a child needs an adult at home; from this age a tagged elder does.
CHILD_UNDER = 14
ELDER_FROM = 70


class TemperatureError(ValueError):
    """A reading nobody could have taken: kept apart so forms can say why."""


def parse_temperature(text) -> Decimal:
    """ "36.5", " 36,5 ", "３６.５" → Decimal("36.5"); outside 34.0–43.0 is an error."""
    cleaned = str(text).strip().replace(",", ".").replace("，", ".").replace("。", ".")
    cleaned = cleaned.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    cleaned = cleaned.removesuffix("℃").removesuffix("°C").removesuffix("度").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise TemperatureError("not a number") from None
    if not value.is_finite() or not (LOWEST <= value <= HIGHEST):
        raise TemperatureError("out of range")
    return value.quantize(Decimal("0.1"))


def is_abnormal(temperature, symptoms, threshold=DEFAULT_FEVER_THRESHOLD) -> bool:
    """A fever at or above the threshold, or any symptom at all."""
    return bool(symptoms) or (temperature is not None and Decimal(temperature) >= threshold)


def quarantine_end(start: date, days: int, last_contact: date | None = None) -> date:
    """The last day of quarantine: `days` days counted from the last contact
    (close contacts) or else from the start; the day of contact is day 0."""
    return (last_contact or start) + timedelta(days=days)


def not_seen_since(last_seen: date | None, start: date, today: date, days: int = 2) -> bool:
    """True when nobody has seen the person for `days` days or more."""
    return (today - (last_seen or start)).days >= days


@dataclass(frozen=True)
class Member:
    age: int | None
    dependent: bool  # tagged as disabled or 70+ (needs someone at home)
    away: bool  # transferred to hospital, shelter or isolation


def needs_care(members: list[Member]) -> bool:
    """A child or dependent elder is left at home because every carer was taken
    away. A carer is any member who is neither a child nor dependent; an elder
    who always lived alone is not flagged here (no carer was transferred)."""

    def cared_for(m):
        return m.dependent or (m.age is not None and m.age < CHILD_UNDER)

    left = [m for m in members if not m.away]
    carers_taken = any(m.away and not cared_for(m) for m in members)
    return (
        carers_taken and any(cared_for(m) for m in left) and not any(not cared_for(m) for m in left)
    )
