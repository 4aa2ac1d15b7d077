"""The one scoping helper. Every page and API query of registry data goes through it.

`Scope(user)` reads the user's memberships once; `scope.filter(queryset)` keeps
only the rows the user may see, and `scope.get_or_404(queryset, **lookup)`
answers 404 for anything outside it, so an object's existence never leaks.
"""

from functools import cached_property

from django.db.models import Q
from django.http import Http404

from linli.accounts.choices import (
    COMMUNITY_WIDE_ROLES,
    PERSONAL_DATA_ROLES,
    REGISTRY_EDITOR_ROLES,
    Role,
)
from linli.community.models import (
    Area,
    Building,
    Community,
    Compound,
    Household,
    Resident,
    ResidentTag,
    Unit,
)

# How each registry model reaches its building ("" for Building itself) and
# its household (None above the household level).
_BUILDING_PATH = {
    Building: "",
    Unit: "building__",
    Household: "building__",
    Resident: "household__building__",
    ResidentTag: "resident__household__building__",
}
_HOUSEHOLD_PATH = {
    Household: "",
    Resident: "household__",
    ResidentTag: "resident__household__",
}


def scope_paths(model) -> tuple[str, str | None]:
    """How `model` reaches its building and its household.

    Models of other apps that belong to a household (orders, check-ins) declare
    `SCOPE_PATHS = ("household__building__", "household__")` instead of being
    listed here, so this module needs no imports from them.
    """
    if model in _BUILDING_PATH:
        return _BUILDING_PATH[model], _HOUSEHOLD_PATH.get(model)
    declared = getattr(model, "SCOPE_PATHS", None)
    if declared is None:
        raise TypeError(f"{model.__name__} has no registry scope")
    return declared


class Scope:
    def __init__(self, user):
        self.user = user

    @cached_property
    def memberships(self):
        if not self.user.is_authenticated:
            return []
        return list(self.user.memberships.prefetch_related("buildings"))

    @cached_property
    def roles(self) -> set[str]:
        return {m.role for m in self.memberships}

    @property
    def is_superuser(self):
        return self.user.is_authenticated and self.user.is_superuser

    def has_role(self, *roles) -> bool:
        return bool(self.roles.intersection(roles))

    @cached_property
    def community_ids(self) -> set[int]:
        """Communities where the user sees every household."""
        return {m.community_id for m in self.memberships if m.role in COMMUNITY_WIDE_ROLES}

    @cached_property
    def area_ids(self) -> set[int]:
        return {m.area_id for m in self.memberships if m.role == Role.AREA_LEADER}

    @cached_property
    def building_ids(self) -> set[int]:
        return {b.pk for m in self.memberships if m.role == Role.CAPTAIN for b in m.buildings.all()}

    @cached_property
    def household_ids(self) -> set[int]:
        return {m.household_id for m in self.memberships if m.role == Role.RESIDENT}

    @cached_property
    def member_community_ids(self) -> set[int]:
        """Every community the user holds any role in."""
        return {m.community_id for m in self.memberships if m.community_id}

    def _condition(self, model) -> Q:
        nothing = Q(pk__in=[])
        if self.is_superuser:
            return Q()
        if model in (Community, Compound, Area):
            field = "pk" if model is Community else "community_id"
            viewer = Q()
            for m in self.memberships:
                if m.role == Role.VIEWER and model is Community:
                    viewer |= (
                        Q(street_id=m.street_id)
                        if m.street_id
                        else Q(street__district_id=m.district_id)
                    )
            wide = Q(**{f"{field}__in": self.member_community_ids})
            return (wide | viewer) if viewer else wide
        path, hpath = scope_paths(model)
        condition = nothing
        if self.community_ids:
            condition |= Q(**{f"{path}compound__community_id__in": self.community_ids})
        if self.area_ids:
            condition |= Q(**{f"{path}area_id__in": self.area_ids})
        if self.building_ids:
            condition |= Q(**{f"{path}id__in" if path else "pk__in": self.building_ids})
        if self.household_ids and hpath is not None:
            condition |= Q(**{f"{hpath}id__in" if hpath else "pk__in": self.household_ids})
        return condition

    def filter(self, queryset):
        """Keep only the rows of `queryset` (or a model) that this user may see."""
        if not hasattr(queryset, "model"):
            queryset = queryset.objects.all()
        return queryset.filter(self._condition(queryset.model))

    def get_or_404(self, queryset, **lookup):
        try:
            return self.filter(queryset).get(**lookup)
        except (queryset.model if hasattr(queryset, "model") else queryset).DoesNotExist:
            raise Http404 from None

    # What the user may do with what they can see.

    def can_edit_registry(self, community_id=None) -> bool:
        if self.is_superuser:
            return True
        return any(
            m.role in REGISTRY_EDITOR_ROLES
            and (community_id is None or m.community_id == community_id)
            for m in self.memberships
        )

    @cached_property
    def editable_community_ids(self) -> set[int]:
        """Communities whose registry this user may change and import into
        (a superuser may edit all of them; callers check is_superuser first)."""
        return {
            m.community_id
            for m in self.memberships
            if m.role in REGISTRY_EDITOR_ROLES and m.community_id
        }

    def role_sees_phone(self, resident) -> bool:
        """Staff, area leaders and captains call residents; each reveal is logged.
        The role half of the rule, for a resident already reached through this scope."""
        return (
            self.is_superuser
            or self.has_role(*PERSONAL_DATA_ROLES, Role.AREA_LEADER, Role.CAPTAIN)
            or resident.household_id in self.household_ids
        )

    def role_sees_id_number(self, resident) -> bool:
        """The role half of the ID-number rule: staff, and the resident's own household."""
        return (
            self.is_superuser
            or self.has_role(*PERSONAL_DATA_ROLES)
            or resident.household_id in self.household_ids
        )

    def _reaches(self, resident) -> bool:
        return self.is_superuser or self.filter(Resident).filter(pk=resident.pk).exists()

    def can_see_phone(self, resident) -> bool:
        return self.role_sees_phone(resident) and self._reaches(resident)

    def can_see_id_number(self, resident) -> bool:
        return self.role_sees_id_number(resident) and self._reaches(resident)


def scope_of(request) -> Scope:
    """The request's Scope, built once per request."""
    if not hasattr(request, "_linli_scope"):
        request._linli_scope = Scope(request.user)
    return request._linli_scope
