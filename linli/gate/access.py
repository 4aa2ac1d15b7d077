"""Who may see and do what at the gate, on top of the registry Scope.

Registry roles reach passes through `scope.filter` (a captain sees the passes of
their buildings, a resident those of their home). The gate roles work for a
whole community without seeing its registry: a gatekeeper sees the passes, trips,
refusals and deliveries of their community, and the names of the members of a
household whose pass they scan, never check-ins, categories or quarantine.
"""

from linli.accounts.choices import Role
from linli.community.models import Household

COMMUNITY = "household__building__compound__community_id"

# Work the gate screen: look up passes, record trips and deliveries.
GATE_ROLES = frozenset({Role.STAFF, Role.PROPERTY, Role.GATEKEEPER})
# Issue a pass for a household they can see.
ISSUER_ROLES = frozenset({Role.STAFF, Role.AREA_LEADER, Role.CAPTAIN})
# Log and see disinfection rounds.
DISINFECTION_ROLES = frozenset({Role.STAFF, Role.PROPERTY, Role.VOLUNTEER})
# Returnees are health data: whom to watch, and for how long.
RETURNEE_ROLES = frozenset({Role.STAFF, Role.DOCTOR})


def communities(scope, roles) -> set[int] | None:
    """Community ids where the user holds one of `roles`; None means every community."""
    if scope.is_superuser:
        return None
    return {m.community_id for m in scope.memberships if m.role in roles and m.community_id}


def in_communities(scope, roles, queryset, field=COMMUNITY):
    """Rows of `queryset` in the communities where the user holds one of `roles`."""
    ids = communities(scope, roles)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids}) if ids else queryset.none()


def works_gate(scope) -> bool:
    return communities(scope, GATE_ROLES) != set()


def gate_filter(scope, queryset, field=COMMUNITY):
    """Rows of the communities where the user works the gate."""
    return in_communities(scope, GATE_ROLES, queryset, field)


def visible_passes(scope, queryset):
    """Passes the user may see: through the registry scope, or at their gate."""
    return scope.filter(queryset) | gate_filter(scope, queryset)


def can_issue(scope, household) -> bool:
    if scope.is_superuser:
        return True
    return (
        scope.has_role(*ISSUER_ROLES) and scope.filter(Household).filter(pk=household.pk).exists()
    )


def can_request(scope, household) -> bool:
    return household.pk in scope.household_ids


def sees_temperatures(scope) -> bool:
    """Gate temperatures are read at the gate and by staff, not by captains or residents."""
    return scope.is_superuser or scope.has_role(*GATE_ROLES)


def disinfection_filter(scope, queryset):
    return in_communities(scope, DISINFECTION_ROLES, queryset, "community_id")


def returnee_filter(scope, queryset, field=COMMUNITY):
    return in_communities(scope, RETURNEE_ROLES, queryset, field)
