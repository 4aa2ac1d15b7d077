"""Moving rounds through their states, and who may do it.

A round moves only forward, one state at a time (choices.NEXT_STATE); staff may
reopen a closed round with a new cut-off. Each move locks the round row, the
same lock `ordering.place_order` takes, so a close and a last-second order are
seen in one order and the tally read after the close misses none.
"""

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.choices import Role
from linli.community.models import Household
from linli.groupbuy import access
from linli.groupbuy.choices import NEXT_STATE, RoundScope, RoundState
from linli.groupbuy.models import Product, Round

# Staff and the property office run rounds (the property office buys from the
# supermarket); only staff reopen one, since that breaks a promised cut-off.
ROUND_MANAGERS = frozenset({Role.STAFF, Role.PROPERTY})
ROUND_REOPENERS = frozenset({Role.STAFF})


class RoundRefused(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def can_manage(scope, community_id) -> bool:
    return access.may(scope, ROUND_MANAGERS, community_id)


def can_reopen(scope, community_id) -> bool:
    return access.may(scope, ROUND_REOPENERS, community_id)


def managed_communities(scope):
    """Ids of the communities whose rounds this user runs (None: every one)."""
    if scope.is_superuser:
        return None
    return {m.community_id for m in scope.memberships if m.role in ROUND_MANAGERS}


def shown_state(round: Round, now=None) -> str:
    """The state to show: an open round past its cut-off is closed for ordering
    even before anyone presses the button or `linli close_rounds` runs."""
    now = now or timezone.now()
    if round.state == RoundState.OPEN and now >= round.closes_at:
        return RoundState.CLOSED
    return round.state


def advance(round: Round, to_state: str) -> Round:
    """Move the round to `to_state`, which must be its next state.

    The state the caller saw is passed in, so a double-tapped "close" (or two
    workers pressing it at once) moves the round once, not twice.
    """
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        # A round past its cut-off is closed although nobody pressed 截单 (and
        # `close_rounds` may not have run yet): it moves on to ordered from there.
        state = locked.state
        if state == RoundState.OPEN and to_state != RoundState.CLOSED:
            state = shown_state(locked)
        if NEXT_STATE.get(state) != to_state:
            raise RoundRefused(
                "wrong_state",
                _("批次现在是“%(state)s”，不能改为“%(to)s”")
                % {"state": locked.get_state_display(), "to": RoundState(to_state).label},
            )
        locked.state = to_state
        locked.save(update_fields=["state"])
    return locked


def reopen(round: Round, closes_at, now=None) -> Round:
    """Take orders again until a new cut-off; only a closed round reopens."""
    now = now or timezone.now()
    if closes_at <= now:
        raise RoundRefused("past_cut_off", _("新的截单时间要晚于现在"))
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if shown_state(locked, now) != RoundState.CLOSED:
            raise RoundRefused("wrong_state", _("只有已截单、还没向供应商下单的批次可以重新开放"))
        locked.state = RoundState.OPEN
        locked.closes_at = closes_at
        locked.save(update_fields=["state", "closes_at"])
    return locked


def close_overdue(now=None) -> int:
    """Mark every open round past its cut-off closed; safe to re-run (the command).

    One conditional UPDATE: it waits for an order holding the round's lock and
    then re-checks the condition, so it never closes a round reopened meanwhile.
    """
    return Round.objects.overdue(now).update(state=RoundState.CLOSED)


def products_of(round: Round):
    """What can be ordered in the round: what its suppliers sell, at their lowest
    price; a round without suppliers takes the whole catalog."""
    products = Product.objects.order_by("category", "name")
    if not round.suppliers.exists():
        return products
    offered = products.filter(offers__supplier__rounds=round)
    return offered.annotate(offer_price=Min("offers__price")).distinct()


def households_in(round: Round):
    """The households the round's scope covers."""
    households = Household.objects.filter(building__compound__community_id=round.community_id)
    if round.scope == RoundScope.COMPOUND:
        return households.filter(building__compound_id=round.compound_id)
    if round.scope == RoundScope.BUILDINGS:
        return households.filter(building__in=round.buildings.all())
    return households
