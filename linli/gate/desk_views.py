"""The gatekeeper's screen: scan or type a pass code or a room, record out and
in with the temperature taken at the gate, see who is out too long, log
deliveries and visitors. Shows households and names, never health records."""

from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.choices import Role
from linli.accounts.scope import scope_of
from linli.community.models import Community, Household
from linli.gate import access, codes, reasons
from linli.gate.forms import ArrivalForm, ExitForm, LookupForm, ReturnForm, find_households
from linli.gate.models import Arrival, ExitPass, GateRefusal, GateRules, Trip
from linli.gate.rules import Reason


def _gate_scope(request):
    scope = scope_of(request)
    if not access.works_gate(scope):
        raise Http404
    return scope


def _one(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def _households(scope):
    return access.gate_filter(scope, Household.objects.all(), "building__compound__community_id")


@login_required
def desk(request):
    scope = _gate_scope(request)
    form = LookupForm(request.GET or None, auto_id="lookup_%s")
    found = _lookup(scope, form) if form.is_valid() else None
    return _render_desk(request, scope, form, found)


def _lookup(scope, form):
    """The household (and today's pass) behind a scanned code or a typed room."""
    text = form.cleaned_data["q"]
    passes = access.gate_filter(scope, ExitPass.objects.with_details())
    if code := codes.as_code(text):
        exit_pass = passes.filter(code=code).first()
        if exit_pass is None:
            form.add_error("q", _("没有这张出门证：请核对证号，或输入房号查找"))
            return None
        return _found(exit_pass.household, exit_pass)
    households = find_households(_households(scope), codes.as_room(text))
    if len(households) != 1:
        form.add_error("q", _("没有找到这个房号，请按 楼栋-单元-房号 填，如 9-1-201"))
        return None
    household = households[0]
    return _found(household, passes.filter(household=household).on(timezone.localdate()).first())


def _found(household, exit_pass, exit_form=None):
    warning, busy = None, False
    if exit_pass is not None:
        # The checks a gatekeeper can see before the thermometer: shown before they tap.
        refusal = exit_pass.check_exit(temperature=Decimal(0))
        warning = reasons.explain(refusal) if refusal else None
        # Someone of the household is out: the one thing to do is record them back.
        busy = bool(refusal) and refusal.reason == Reason.ALREADY_OUT
    return {
        "household": household,
        "exit_pass": exit_pass,
        "warning": warning,
        "busy": busy,
        "out": household.trips.out().select_related("resident"),
        "exit_form": exit_form or ExitForm(household, auto_id="exit_%s"),
    }


def _render_desk(request, scope, form, found, status=200):
    trips = access.gate_filter(scope, Trip.objects.all())
    late = {trip.pk for trip in trips.overdue()}
    out = trips.out().select_related("resident", "household__building", "household__unit")
    context = {
        "form": form,
        "found": found,
        "out": [(trip, trip.pk in late) for trip in out.order_by("out_at")],
        "late_count": len(late),
        "fevers": access.gate_filter(scope, GateRefusal.objects.needing_staff()).select_related(
            "resident", "household__building", "household__unit"
        ),
        "may_handle": scope.is_superuser or scope.has_role(Role.STAFF),
    }
    return render(request, "gate/desk.html", context, status=status)


def _back_to(exit_pass):
    return redirect(f"{reverse('gate:desk')}?q={exit_pass.code}")


@login_required
@require_POST
def go_out(request, pk):
    scope = _gate_scope(request)
    exit_pass = _one(access.gate_filter(scope, ExitPass.objects.with_details()), pk)
    form = ExitForm(exit_pass.household, request.POST, auto_id="exit_%s")
    if not form.is_valid():
        lookup = LookupForm({"q": exit_pass.code}, auto_id="lookup_%s")
        lookup.is_valid()
        found = _found(exit_pass.household, exit_pass, exit_form=form)
        return _render_desk(request, scope, lookup, found, status=400)
    resident, temperature = form.cleaned_data["resident"], form.cleaned_data["temperature"]
    trip, refusal = exit_pass.go_out(resident, temperature, request.user)
    if refusal:
        messages.error(request, reasons.explain(refusal))
    else:
        hours = GateRules.for_community(exit_pass.household.building.compound.community_id)
        due = timezone.localtime(trip.out_at) + timedelta(hours=float(hours.max_hours))
        messages.success(
            request,
            _("%(name)s 已出门，体温%(t)s°C；请在%(due)s前回来")
            % {"name": resident.name, "t": temperature, "due": time_format(due, "H:i")},
        )
    return _back_to(exit_pass)


@login_required
@require_POST
def come_back(request, pk):
    scope = _gate_scope(request)
    trip = _one(access.gate_filter(scope, Trip.objects.select_related("resident", "exit_pass")), pk)
    form = ReturnForm(request.POST)
    temperature = form.cleaned_data["temperature"] if form.is_valid() else None
    if trip.come_back(temperature):
        name = trip.resident.name if trip.resident else trip.household
        messages.success(request, _("%(name)s 已回来") % {"name": name})
    return _back_to(trip.exit_pass)


@login_required
@require_POST
def handle_refusal(request, pk):
    """Staff mark a fever at the gate as followed up; the flag then leaves the screen."""
    scope = _gate_scope(request)
    if not (scope.is_superuser or scope.has_role(Role.STAFF)):
        raise Http404
    refusal = _one(access.gate_filter(scope, GateRefusal.objects.needing_staff()), pk)
    GateRefusal.objects.filter(pk=refusal.pk).update(
        handled_at=timezone.now(), handled_by=request.user
    )
    return redirect("gate:desk")


@login_required
def arrivals(request):
    scope = _gate_scope(request)
    form = ArrivalForm(_households(scope), request.POST or None, initial={"kind": "delivery"})
    if request.method == "POST" and form.is_valid():
        household = form.cleaned_data["household"]
        community_id = (
            household.building.compound.community_id if household else _first_community(scope)
        )
        Arrival.objects.create(
            community_id=community_id, kind=form.cleaned_data["kind"], who=form.cleaned_data["who"],
            what=form.cleaned_data["what"], household=household, recorded_by=request.user,
        )  # fmt: skip
        messages.success(request, _("已登记"))
        return redirect("gate:arrivals")
    recent = access.gate_filter(scope, Arrival.objects.all(), "community_id").filter(
        at__date__gte=timezone.localdate() - timedelta(days=1)
    )
    recent = recent.select_related("household__building", "household__unit")[:100]
    return render(request, "gate/arrivals.html", {"form": form, "recent": recent})


def _first_community(scope):
    ids = access.communities(scope, access.GATE_ROLES)
    if ids:
        return min(ids)
    return Community.objects.order_by("pk").values_list("pk", flat=True).first()
