"""Fair shares of a short delivery. Pure: no Django, so it is fast and property-tested.

When less of a product arrives than was ordered, whole units go first to
vulnerable households (elderly living alone, chronic illness, medical-worker
family), then to everyone else in proportion to what they ordered. Fractions
are settled by the largest-remainder method with a fixed tie-break (larger
order first, then the smaller key), so the same delivery always splits the same
way and a household can be told exactly why it got what it got.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction


def gettext_noop(text: str) -> str:
    # Marks the sentences below for `makemessages`; the caller translates them
    # (fulfil.py passes Django's gettext) so this module needs no Django.
    return text


ENOUGH = gettext_noop("到货 {arrived}，订了 {ordered}，足额分配：您分到 {got}（订 {want}）")
NONE_ARRIVED = gettext_noop("没有到货：您分到 0（订 {want}）")
PRIORITY_SERVED = gettext_noop(
    "到货 {arrived}，订了 {ordered}：优先保障独居老人、慢性病、医护家属等 {n} 户，"
    "您家在其中，分到 {got}（订 {want}）"
)
PROPORTIONAL = gettext_noop(
    "到货 {arrived}，订了 {ordered}：优先保障独居老人、慢性病、医护家属等 {n} 户，"
    "其余按订量比例分配，您分到 {got}（订 {want}）"
)
PRIORITY_SHORT = gettext_noop(
    "到货 {arrived}，订了 {ordered}：不够保障独居老人、慢性病、医护家属等 {n} 户，"
    "先按订量比例分给他们，您分到 {got}（订 {want}）"
)
NOTHING_LEFT = gettext_noop(
    "到货 {arrived}，订了 {ordered}：全部用于保障独居老人、慢性病、医护家属等 {n} 户，"
    "您分到 0（订 {want}）"
)


@dataclass(frozen=True)
class Claim:
    """One order line for the product: who, how much, and whether they come first."""

    key: Hashable  # the order line's id; also the last tie-break
    ordered: Decimal
    vulnerable: bool = False


@dataclass(frozen=True)
class Share:
    key: Hashable
    allocated: Decimal
    reason: str


def amount(value: Decimal, unit: str) -> str:
    """30.00 斤 -> "30 斤", 2.50 -> "2.5 斤": how a person would say it."""
    value = Decimal(value)
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def largest_remainder(total: int, weights: dict[Hashable, int]) -> dict[Hashable, int]:
    """Split `total` whole units in proportion to `weights` (total ≤ their sum).

    Each share is its exact quota rounded down, and the units left over go to
    the largest fractional remainders; ties go to the larger weight, then the
    smaller key. Every share is within one unit of its exact quota and never
    above its weight.
    """
    whole = sum(weights.values())
    # Orders with half units (1.5 斤) can leave more whole units than whole
    # claims; the extra stays undistributed rather than exceed an order.
    total = min(total, whole)
    if total <= 0 or whole <= 0:
        return dict.fromkeys(weights, 0)
    quotas = {key: Fraction(total * weight, whole) for key, weight in weights.items()}
    shares = {key: int(quota) for key, quota in quotas.items()}
    left = total - sum(shares.values())
    order = sorted(
        weights,
        key=lambda key: (-(quotas[key] - shares[key]), -weights[key], _sortable(key)),
    )
    for key in order[:left]:
        shares[key] += 1
    return shares


def _sortable(key):
    # Keys are line ids (ints) in the app; tests may use strings. Compare like with like.
    return (0, key, "") if isinstance(key, int) else (1, 0, str(key))


def _whole(value: Decimal) -> int:
    return int(Decimal(value).to_integral_value(rounding=ROUND_FLOOR))


def allocate(
    arrived: Decimal,
    claims: Iterable[Claim],
    unit: str = "",
    translate: Callable[[str], str] = lambda text: text,
) -> list[Share]:
    """Each claim's share of `arrived`, in the order the claims were given.

    With enough for everyone each line gets exactly what it ordered. Short of
    that, shares are whole units (a half 斤 cannot be fairly split in a bag),
    so a line gets at most its ordered quantity rounded down.
    """
    claims = list(claims)
    arrived = max(Decimal(arrived), Decimal(0))
    ordered = sum((c.ordered for c in claims), Decimal(0))
    numbers = {"arrived": amount(arrived, unit), "ordered": amount(ordered, unit)}

    def share(claim, got, template, n=0):
        text = translate(template).format(
            **numbers, n=n, got=amount(got, unit), want=amount(claim.ordered, unit)
        )
        return Share(claim.key, Decimal(got), text)

    if arrived >= ordered:
        return [share(c, c.ordered, ENOUGH) for c in claims]
    if arrived < 1:
        return [share(c, 0, NONE_ARRIVED) for c in claims]

    units = _whole(arrived)
    first = {c.key: _whole(c.ordered) for c in claims if c.vulnerable}
    rest = {c.key: _whole(c.ordered) for c in claims if not c.vulnerable}
    n = len(first)
    if units < sum(first.values()):
        got = largest_remainder(units, first) | dict.fromkeys(rest, 0)
        templates = {True: PRIORITY_SHORT, False: NOTHING_LEFT}
    else:
        got = first | largest_remainder(units - sum(first.values()), rest)
        templates = {True: PRIORITY_SERVED, False: PROPORTIONAL}
    return [share(c, got[c.key], templates[c.vulnerable], n) for c in claims]
