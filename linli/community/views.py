"""Registry pages: the community overview, a building, a household, a resident,
search, and the staff forms. Every query goes through the user's Scope."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.choices import COMMUNITY_WIDE_ROLES
from linli.accounts.scope import scope_of
from linli.audit.log import record_view
from linli.audit.views import may_read_log
from linli.community.choices import Tag
from linli.community.forms import HouseholdForm, ResidentForm
from linli.community.models import (
    Building,
    Community,
    Household,
    Resident,
    number_sort_key,
)
from linli.front.htmx import htmx_partial

VULNERABLE_PER_PAGE = 50
SEARCH_LIMIT = 50


def households_with_residents(queryset):
    """Households with their unit, residents and tags in a fixed number of queries."""
    residents = Resident.objects.prefetch_related("tags")
    return queryset.select_related("building__compound", "unit").prefetch_related(
        Prefetch("residents", queryset=residents)
    )


def group_by_unit(households):
    """[(unit number or "", [households])], in the order a captain walks them:
    unit 2 before unit 10, room 201 before 1001."""

    def unit_of(h):
        return h.unit.number if h.unit_id else ""

    ordered = sorted(
        households,
        key=lambda h: (number_sort_key(unit_of(h)), unit_of(h), number_sort_key(h.room), h.room),
    )
    return [(unit, list(items)) for unit, items in groupby(ordered, key=unit_of)]


def _staff_communities(scope):
    """Communities whose overview this user may read: every one of them for a
    superuser, otherwise those where they hold a community-wide role."""
    communities = scope.filter(Community).select_related("street").order_by("name")
    if scope.is_superuser:
        return communities
    return communities.filter(pk__in=scope.community_ids)


def _require_editor(scope, community_id):
    if not scope.can_edit_registry(community_id):
        raise PermissionDenied


@login_required
def overview(request):
    scope = scope_of(request)
    if not (scope.is_superuser or scope.has_role(*COMMUNITY_WIDE_ROLES)):
        raise Http404
    communities = list(_staff_communities(scope))
    chosen = request.GET.get("community")
    community = next((c for c in communities if str(c.pk) == chosen), None)
    community = community or (communities[0] if communities else None)
    tag = request.GET.get("tag") if request.GET.get("tag") in Tag.values else ""
    vulnerable = scope.filter(
        Resident.objects.filter(household__building__compound__community=community)
    )
    vulnerable = (
        (vulnerable.tagged(tag) if tag else vulnerable.vulnerable()).with_details().with_tags()
    )
    page = Paginator(vulnerable, VULNERABLE_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "community": community,
        "communities": communities,
        "tag": tag,
        "tags": Tag.choices,
        "page": page,
    }
    if htmx_partial(request):
        return render(request, "community/_vulnerable_list.html", context)
    buildings = scope.filter(Building.objects.in_community(community)).select_related(
        "compound", "area"
    )
    context["buildings"] = buildings.with_counts()
    return render(request, "community/overview.html", context)


@login_required
def building(request, pk):
    scope = scope_of(request)
    building = scope.get_or_404(
        Building.objects.select_related("compound__community", "area"), pk=pk
    )
    households = households_with_residents(scope.filter(Household).filter(building=building))
    context = {
        "building": building,
        "units": group_by_unit(households),
        "can_edit": scope.can_edit_registry(building.compound.community_id),
    }
    return render(request, "community/building.html", context)


@login_required
def household(request, pk):
    scope = scope_of(request)
    household = scope.get_or_404(households_with_residents(Household.objects.all()), pk=pk)
    residents = list(household.residents.all())
    # Reveal rights follow the household (its residents share one scope), which
    # get_or_404 has just checked: only the role half of the rule remains.
    first = residents[0] if residents else None
    context = {
        "household": household,
        "residents": residents,
        "may_see_phone": bool(first) and scope.role_sees_phone(first),
        "may_see_id_number": bool(first) and scope.role_sees_id_number(first),
        "can_edit": scope.can_edit_registry(household.building.compound.community_id),
        # A resident sees their home but not the rest of the building.
        "building_visible": scope.filter(Building).filter(pk=household.building_id).exists(),
    }
    return render(request, "community/household.html", context)


@login_required
def resident(request, pk):
    scope = scope_of(request)
    resident = scope.get_or_404(Resident.objects.with_details().with_tags(), pk=pk)
    community_id = resident.household.building.compound.community_id
    context = {
        "resident": resident,
        "may_see_phone": scope.role_sees_phone(resident),
        "may_see_id_number": scope.role_sees_id_number(resident),
        "can_edit": scope.can_edit_registry(community_id),
        "can_read_log": may_read_log(scope, community_id),
    }
    return render(request, "community/resident.html", context)


@require_POST
@login_required
def reveal(request, pk, field):
    scope = scope_of(request)
    resident = scope.get_or_404(Resident.objects.all(), pk=pk)
    allowed = {"phone": scope.role_sees_phone, "id_number": scope.role_sees_id_number}
    if field not in allowed:
        raise Http404
    if not allowed[field](resident):
        raise PermissionDenied
    record_view(request, resident, field)
    context = {"resident": resident, "field": field, "value": getattr(resident, field)}
    template = "community/_revealed.html" if htmx_partial(request) else "community/revealed.html"
    return render(request, template, context)


@login_required
def search(request):
    scope = scope_of(request)
    query = request.GET.get("q", "").strip()[:50]
    found = scope.filter(Resident.objects.search(query)).with_details().with_tags()
    context = {"query": query, "results": list(found[:SEARCH_LIMIT]), "limit": SEARCH_LIMIT}
    template = (
        "community/_search_results.html" if htmx_partial(request) else "community/search.html"
    )
    return render(request, template, context)


@login_required
def household_add(request, pk):
    scope = scope_of(request)
    building = scope.get_or_404(Building.objects.select_related("compound"), pk=pk)
    _require_editor(scope, building.compound.community_id)
    form = HouseholdForm(request.POST or None, building=building)
    if request.method == "POST" and form.is_valid():
        household = form.save()
        messages.success(request, _("已添加住户 %(address)s") % {"address": household.address})
        return redirect("community:household", household.pk)
    return render(request, "community/household_form.html", {"form": form, "building": building})


@login_required
def household_edit(request, pk):
    scope = scope_of(request)
    household = scope.get_or_404(Household.objects.with_details(), pk=pk)
    _require_editor(scope, household.building.compound.community_id)
    form = HouseholdForm(request.POST or None, instance=household, building=household.building)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存"))
        return redirect("community:household", household.pk)
    context = {"form": form, "building": household.building, "household": household}
    return render(request, "community/household_form.html", context)


@login_required
def resident_add(request, pk):
    scope = scope_of(request)
    household = scope.get_or_404(Household.objects.with_details(), pk=pk)
    _require_editor(scope, household.building.compound.community_id)
    form = ResidentForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        resident = form.save()
        messages.success(request, _("已添加居民 %(name)s") % {"name": resident.name})
        return redirect("community:household", household.pk)
    return render(request, "community/resident_form.html", {"form": form, "household": household})


@login_required
def resident_edit(request, pk):
    scope = scope_of(request)
    resident = scope.get_or_404(Resident.objects.with_details(), pk=pk)
    _require_editor(scope, resident.household.building.compound.community_id)
    form = ResidentForm(request.POST or None, instance=resident, household=resident.household)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存"))
        return redirect("community:resident", resident.pk)
    context = {"form": form, "household": resident.household, "resident": resident}
    return render(request, "community/resident_form.html", context)
