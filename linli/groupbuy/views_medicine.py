"""Medicine rounds: chronic patients' regular medicines, bought through the pharmacy.

Details (names, strengths, prescriptions) are for staff, doctors and the
round's pharmacy; a captain sees only which of their households have a
medicine order. Anyone else gets 404.
"""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.scope import scope_of
from linli.audit import log
from linli.audit.models import Action, AuditEntry
from linli.community.models import Household
from linli.groupbuy import access
from linli.groupbuy.choices import Channel, RoundKind
from linli.groupbuy.forms_fulfil import MedicineForm
from linli.groupbuy.models import MedicineLine, Order, Round
from linli.groupbuy.ordering import refusal_for_round


def _medicine_round(request, pk):
    scope = scope_of(request)
    round_ = get_object_or_404(Round.objects.visible_to(scope), pk=pk, kind=RoundKind.MEDICINE)
    return scope, round_


@login_required
def medicine(request, pk):
    scope, round_ = _medicine_round(request, pk)
    if not access.may_read_medicine(scope, round_):
        return _household_list(request, scope, round_)
    writer = access.may(scope, access.MEDICINE_WRITERS, round_.community_id)
    households = Household.objects.filter(building__compound__community=round_.community)
    form = MedicineForm(request.POST or None, request.FILES or None,
                        households=households.select_related("building", "unit"))  # fmt: skip
    if request.method == "POST":
        if not writer:
            raise Http404
        refused = refusal_for_round(round_, timezone.now())
        if refused:
            messages.error(request, refused.message)
        elif form.is_valid():
            _add_line(round_, form, request.user)
            messages.success(request, _("药品已加入订单"))
            return redirect("groupbuy:medicine", pk=round_.pk)
    lines = list(
        MedicineLine.objects.filter(order__round=round_)
        .select_related("order__household__building", "order__household__unit", "resident")
        .order_by("order__household__building__sort_key", "order__household__room", "pk")
    )
    # Health data: every line shown leaves a trace on its patient's audit log.
    entries = [log.entry(Action.VIEW_HEALTH, line, user=request.user) for line in lines]
    AuditEntry.objects.bulk_create(entries)
    context = {"round": round_, "lines": lines, "form": form if writer else None}
    return render(request, "groupbuy/medicine_list.html", context)


@transaction.atomic
def _add_line(round_, form, user):
    order, _created = Order.objects.get_or_create(
        round=round_, household=form.cleaned_data["household"],
        defaults={"channel": Channel.PROXY, "entered_by": user},
    )  # fmt: skip
    line = form.save(commit=False)
    line.order = order
    line.save()


def _household_list(request, scope, round_):
    """Captains: which of their households have a medicine order, nothing more."""
    captain = access.may(scope, {access.Role.CAPTAIN, access.Role.AREA_LEADER}, round_.community_id)
    if not captain or request.method == "POST":
        raise Http404
    orders = scope.filter(Order.objects.filter(round=round_, medicines__isnull=False)).distinct()
    households = [o.household for o in orders.select_related("household__building",
                                                             "household__unit")]  # fmt: skip
    return render(request, "groupbuy/medicine_households.html",
                  {"round": round_, "households": households})  # fmt: skip


@login_required
def prescription(request, pk):
    """The photo itself, only to those who may read the medicine's details."""
    line = get_object_or_404(MedicineLine.objects.select_related("order__round"), pk=pk)
    if not line.prescription or not access.may_read_medicine(scope_of(request), line.order.round):
        raise Http404
    log.record(
        Action.VIEW_HEALTH,
        line,
        user=request.user,
        description=_("处方照片：%(line)s") % {"line": line},
    )
    content_type = mimetypes.guess_type(line.prescription.name)[0] or "application/octet-stream"
    response = FileResponse(line.prescription.open("rb"), content_type=content_type)
    # Health data: not kept by shared phones' caches or proxies.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
