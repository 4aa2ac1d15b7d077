"""Who may see and enter what in health, on top of the registry Scope.

Three lines, each tested on both sides:
- details (temperatures, symptoms, categories, transfers, quarantines) are for
  staff and doctors of the community, and a resident's own household check-ins;
- coverage and "needs a visit" flags are also for area leaders and captains of
  their buildings, with no temperatures or diagnoses;
- gatekeepers, the property office, suppliers and the rest see no health at all.

Doctors hold no registry scope of their own (their cases will give them one),
so the health scope adds their community here rather than in Scope.
"""

from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from linli.accounts.choices import Role
from linli.accounts.models import Membership
from linli.accounts.scope import scope_paths
from linli.community.models import Household, Resident
from linli.health.coverage import not_expected_among

DETAIL_ROLES = frozenset({Role.STAFF, Role.DOCTOR})
COVERAGE_ROLES = DETAIL_ROLES | {Role.AREA_LEADER, Role.CAPTAIN}
ENTRY_ROLES = COVERAGE_ROLES | {Role.RESIDENT}


def detail_community_ids(scope) -> set[int]:
    return {m.community_id for m in scope.memberships if m.role in DETAIL_ROLES}


def sees_details(scope) -> bool:
    """Whether the user sees health details anywhere (staff, doctor, superuser)."""
    return scope.is_superuser or bool(detail_community_ids(scope))


def sees_details_of(scope, building) -> bool:
    """Health details of this building's residents (why one is not expected to
    check in among them): staff and doctors of its community, not its captain."""
    return scope.is_superuser or building.compound.community_id in detail_community_ids(scope)


def sees_coverage(scope) -> bool:
    return scope.is_superuser or scope.has_role(*COVERAGE_ROLES)


def _community_path(model) -> str:
    # The registry Scope already knows how each model reaches its building.
    return f"{scope_paths(model)[0]}compound__community_id__in"


def detail_filter(scope, queryset, own_household=False):
    """Rows whose health details this user may read: their communities as staff
    or doctor, and (for check-ins) their own household's."""
    if scope.is_superuser:
        return queryset
    condition = Q(**{_community_path(queryset.model): detail_community_ids(scope)})
    if own_household and scope.household_ids:
        condition |= Q(household_id__in=scope.household_ids)
    return queryset.filter(condition)


def coverage_filter(scope, queryset):
    """Buildings (or households, residents) whose coverage this user may see."""
    if scope.is_superuser:
        return queryset
    condition = Q(**{_community_path(queryset.model): detail_community_ids(scope)})
    if scope.has_role(Role.AREA_LEADER, Role.CAPTAIN):
        condition |= Q(pk__in=scope.filter(queryset.model).values("pk"))
    return queryset.filter(condition)


def can_see_health(scope, household) -> bool:
    """Temperatures, symptoms and categories of this household's members."""
    if scope.is_superuser or household.pk in scope.household_ids:
        return True
    return detail_filter(scope, Household.objects.filter(pk=household.pk)).exists()


def can_enter_checkin(scope, household) -> bool:
    """Record check-ins for this household: the resident for their own, captains
    and area leaders for their buildings, staff and doctors for the community."""
    if scope.is_superuser or household.pk in scope.household_ids:
        return True
    if can_see_health(scope, household):
        return True
    leaders = scope.has_role(Role.AREA_LEADER, Role.CAPTAIN)
    return leaders and scope.filter(Household).filter(pk=household.pk).exists()


@dataclass(frozen=True)
class EntryRights:
    """Where a user may record check-ins, read in one query for the API, where
    a check-in must cost as few round trips as a bare insert allows. The same
    rule as `can_enter_checkin`; a test checks the two agree for every user
    and household of the test world."""

    superuser: bool
    households: frozenset
    communities: frozenset  # as staff or doctor: health details too
    buildings: frozenset
    areas: frozenset

    @classmethod
    def of(cls, user) -> "EntryRights":
        rows = Membership.objects.filter(user_id=user.pk).values_list(
            "role", "community_id", "household_id", "area_id", "buildings"
        )
        sets = {"households": set(), "communities": set(), "buildings": set(), "areas": set()}
        for role, community, household, area, building in rows:
            if role == Role.RESIDENT:
                sets["households"].add(household)
            elif role in DETAIL_ROLES:
                sets["communities"].add(community)
            elif role == Role.CAPTAIN and building:
                sets["buildings"].add(building)
            elif role == Role.AREA_LEADER:
                sets["areas"].add(area)
        frozen = {k: frozenset(v) for k, v in sets.items()}
        return cls(superuser=user.is_superuser, **frozen)

    def allows(self, resident) -> bool:
        """`resident` annotated by `entry_residents` (building, area, community)."""
        return (
            self.superuser
            or resident.household_id in self.households
            or resident.community_id in self.communities
            or resident.building_id in self.buildings
            or (resident.area_id is not None and resident.area_id in self.areas)
        )

    def sees_details(self, resident) -> bool:
        return (
            self.superuser
            or resident.household_id in self.households
            or resident.community_id in self.communities
        )


def entry_residents(ids):
    """Residents with what `EntryRights.allows` needs, in one query, and no
    more: a check-in needs the resident's id and household, not their name,
    phone or ID number. `expected`: whether they are expected to check in
    today (coverage's rule; the dead and the away are not), one more query
    (two when one of them has a transfer, a centralised quarantine or a death
    on record)."""
    residents = list(
        Resident.objects.filter(pk__in=ids)
        .order_by()
        .only("household_id")
        .annotate(
            building_id=F("household__building_id"),
            area_id=F("household__building__area_id"),
            community_id=F("household__building__compound__community_id"),
        )
    )
    absent = not_expected_among([r.pk for r in residents], timezone.localdate())
    for resident in residents:
        resident.expected = resident.pk not in absent
    return residents
