"""Who may do what after a round's cut-off.

Registry rows (orders, hand-outs, payments) still come through the scope
helper; this adds the lines that are about a role rather than a place: only
staff and the property office record deliveries, a supplier sees its own
purchase orders, and medicine details are for staff, doctors and the pharmacy.
"""

from django.http import Http404

from linli.accounts.choices import Role
from linli.groupbuy.choices import SupplierKind

RECEIVERS = frozenset({Role.STAFF, Role.PROPERTY})
PAYMENT_MARKERS = frozenset({Role.STAFF, Role.CAPTAIN})
HANDOUT_HELPERS = frozenset({Role.STAFF, Role.PROPERTY, Role.CAPTAIN, Role.VOLUNTEER})
LOVE_LISTERS = frozenset({Role.STAFF})
MEDICINE_READERS = frozenset({Role.STAFF, Role.DOCTOR})
MEDICINE_WRITERS = frozenset({Role.STAFF, Role.DOCTOR})
TALLY_READERS = frozenset({Role.STAFF, Role.PROPERTY, Role.AREA_LEADER, Role.CAPTAIN})


def roles_in(scope, community_id) -> set[str]:
    """The roles the user holds in this community (every role for a superuser)."""
    if scope.is_superuser:
        return set(Role.values)
    return {m.role for m in scope.memberships if m.community_id == community_id}


def may(scope, roles, community_id) -> bool:
    return bool(roles_in(scope, community_id) & roles)


def require(scope, roles, community_id):
    # 404 rather than 403: a page's existence is not told to those outside it.
    if not may(scope, roles, community_id):
        raise Http404


def supplier_ids(scope) -> set[int]:
    return {m.supplier_id for m in scope.memberships if m.role == Role.SUPPLIER and m.supplier_id}


def may_see_purchase_order(scope, round_, supplier) -> bool:
    return may(scope, RECEIVERS, round_.community_id) or supplier.pk in supplier_ids(scope)


def may_read_medicine(scope, round_) -> bool:
    """Staff and doctors of the community, and users of the round's pharmacy."""
    if may(scope, MEDICINE_READERS, round_.community_id):
        return True
    pharmacies = round_.suppliers.filter(kind=SupplierKind.PHARMACY, pk__in=supplier_ids(scope))
    return pharmacies.exists()
