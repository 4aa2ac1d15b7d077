"""Each role's own start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from linli.accounts.choices import CASE_ROLES, COMMUNITY_WIDE_ROLES, Role
from linli.accounts.models import Membership
from linli.accounts.scope import scope_of
from linli.cases import access as case_access
from linli.cases.tasks import is_volunteer
from linli.community import views as community_views
from linli.community.models import Building, Community, Household
from linli.front.rollup import community_rollup


def home_kind(scope) -> str:
    """The page a user starts on. Someone holding several roles gets the widest."""
    if scope.is_superuser or scope.has_role(*COMMUNITY_WIDE_ROLES):
        return "overview"
    # A social worker, psychologist or doctor with a professional profile works from their cases.
    if scope.has_role(*CASE_ROLES) and case_access.professional(scope) is not None:
        return "cases"
    for role, kind in (
        (Role.AREA_LEADER, "area"),
        (Role.CAPTAIN, "captain"),
        (Role.VOLUNTEER, "board"),
        (Role.RESIDENT, "resident"),
        (Role.VIEWER, "rollup"),
    ):
        if scope.has_role(role) and (kind != "board" or is_volunteer(scope.user)):
            return kind
    return "waiting" if scope.roles else "unassigned"


@login_required
def home(request):
    scope = scope_of(request)
    kind = home_kind(scope)
    if kind == "overview":
        return community_views.overview(request)
    if kind == "cases":
        return redirect("cases:mine")
    if kind == "board":
        return redirect("cases:board")
    return _PAGES[kind](request, scope)


def _area(request, scope):
    buildings = scope.filter(Building.objects.filter(area_id__in=scope.area_ids))
    context = {"buildings": buildings.select_related("compound", "area").with_counts()}
    return render(request, "front/home_area.html", context)


def _captain(request, scope):
    buildings = list(
        scope.filter(Building.objects.filter(pk__in=scope.building_ids)).select_related("compound")
    )
    households = community_views.households_with_residents(
        scope.filter(Household).filter(building__in=buildings)
    )
    by_building = {b.pk: [] for b in buildings}
    for household in households:
        by_building[household.building_id].append(household)
    groups = [(b, community_views.group_by_unit(by_building[b.pk])) for b in buildings]
    return render(request, "front/home_captain.html", {"groups": groups})


def _resident(request, scope):
    households = list(
        community_views.households_with_residents(
            scope.filter(Household).filter(pk__in=scope.household_ids)
        )
    )
    # A resident's first call for help goes to their building captain.
    captains = (
        Membership.objects.filter(
            role=Role.CAPTAIN, buildings__in=[h.building_id for h in households]
        )
        .select_related("user")
        .distinct()
    )
    return render(
        request, "front/home_resident.html", {"households": households, "captains": captains}
    )


def _rollup(request, scope):
    rows, totals = community_rollup(
        scope.filter(Community).select_related("street").order_by("street__name", "name")
    )
    return render(request, "front/home_rollup.html", {"rows": rows, "totals": totals})


def _waiting(request, scope):
    roles = sorted(Role(r).label for r in scope.roles)
    return render(request, "front/home_waiting.html", {"roles": roles, "unassigned": False})


def _unassigned(request, scope):
    return render(request, "front/home_waiting.html", {"roles": [], "unassigned": True})


_PAGES = {
    "area": _area,
    "captain": _captain,
    "resident": _resident,
    "rollup": _rollup,
    "waiting": _waiting,
    "unassigned": _unassigned,
}
