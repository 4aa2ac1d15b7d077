"""Exit passes: a household's passes, issuing and requesting one, the pass with
its QR code (on the resident's phone, or printed by staff)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from linli.accounts.scope import scope_of
from linli.community.models import Household
from linli.gate import access, reasons
from linli.gate.codes import as_room
from linli.gate.forms import LookupForm, PassForm, find_households
from linli.gate.models import ExitPass, GateRules, Refused


@login_required
def passes(request):
    """Start page for passes: a resident goes to their home's; a captain picks a room."""
    scope = scope_of(request)
    if scope.household_ids and not scope.has_role(*access.ISSUER_ROLES):
        return redirect("gate:household_passes", min(scope.household_ids))
    if not (scope.is_superuser or scope.has_role(*access.ISSUER_ROLES)):
        raise Http404
    households = scope.filter(Household)
    form = LookupForm(request.GET or None)
    if form.is_valid() and (room := as_room(form.cleaned_data["q"])):
        found = find_households(households, room)
        if len(found) == 1:
            return redirect("gate:household_passes", found[0].pk)
        form.add_error("q", gettext("没有找到这个房号，请按 楼栋-单元-房号 填，如 9-1-201"))
    today = visible_today(scope)
    return render(request, "gate/passes.html", {"form": form, "today": today})


def visible_today(scope):
    queryset = scope.filter(ExitPass.objects.with_details()).on(timezone.localdate())
    return queryset.order_by("household__building__sort_key", "household__room")[:200]


@login_required
def household_passes(request, pk):
    scope = scope_of(request)
    household = scope.get_or_404(Household.objects.with_details(), pk=pk)
    may_issue, may_request = (
        access.can_issue(scope, household),
        access.can_request(scope, household),
    )
    form = PassForm(household, request.POST or None)
    if request.method == "POST" and (may_issue or may_request) and form.is_valid():
        try:
            exit_pass = ExitPass.issue(
                household, form.cleaned_data["valid_on"], request.user,
                resident=form.cleaned_data["resident"], requested=not may_issue,
            )  # fmt: skip
            return redirect("gate:pass", exit_pass.pk)
        except Refused as refused:
            rules = GateRules.for_community(household.building.compound.community_id)
            form.add_error("valid_on", reasons.explain(refused.refusal, rules.days_between))
    context = {
        "household": household,
        "passes": household.exit_passes.select_related("resident")[:20],
        "form": form if (may_issue or may_request) else None,
        "may_issue": may_issue,
    }
    return render(request, "gate/household_passes.html", context)


@login_required
def pass_detail(request, pk):
    scope = scope_of(request)
    queryset = access.visible_passes(scope, ExitPass.objects.with_details())
    try:
        exit_pass = queryset.get(pk=pk)
    except ExitPass.DoesNotExist:
        raise Http404 from None
    context = {"p": exit_pass, "today": timezone.localdate()}
    return render(request, "gate/pass.html", context)
