"""Who reads the daily report of which community.

Staff read their own community's; street and district viewers read (numbers
only) every community under them, with the roll-up; a superuser reads all.
Everyone else (captains, residents, professionals, volunteers, the property
office) gets a 404: a captain already sees their own buildings' coverage on the
health pages, and the report's categories and needs are not theirs to read.
"""

from django.db.models import Q

from linli.accounts.choices import Role
from linli.community.models import Community


def communities(scope):
    """The communities whose report this user may read, through the registry scope."""
    queryset = scope.filter(Community).select_related("street__district")
    queryset = queryset.order_by("street__name", "name")
    if scope.is_superuser:
        return queryset
    condition = Q(pk__in={m.community_id for m in scope.memberships if m.role == Role.STAFF})
    for m in scope.memberships:
        if m.role == Role.VIEWER:
            condition |= (
                Q(street_id=m.street_id) if m.street_id else Q(street__district_id=m.district_id)
            )
    return queryset.filter(condition)


def reads_rollups(scope) -> bool:
    return scope.is_superuser or scope.has_role(Role.VIEWER)
