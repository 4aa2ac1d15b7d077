"""Pages after the cut-off: tallies, purchase orders, receiving, pick lists,
hand-out and payments. Rows come through the scope helper; role lines through access.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.community.models import Building
from linli.groupbuy import access, fulfil, rounds, tally
from linli.groupbuy.choices import HandoutStatus, PaymentStatus, RoundState
from linli.groupbuy.forms_fulfil import HandoutForm, PaymentForm, ReceiveForm
from linli.groupbuy.models import Handout, Order, OrderLine, Payment, Round


def _round(request, pk, roles=None):
    scope = scope_of(request)
    round_ = get_object_or_404(Round.objects.visible_to(scope), pk=pk)
    if roles is not None:
        access.require(scope, roles, round_.community_id)
    return scope, round_


@login_required
def steps(request, pk):
    """The round's work after the cut-off, one step per row."""
    scope, round_ = _round(request, pk, access.HANDOUT_HELPERS | access.TALLY_READERS)
    context = {
        "round": round_,
        "state": rounds.shown_state(round_),
        "manager": access.may(scope, access.RECEIVERS, round_.community_id),
        "suppliers": round_.suppliers.all(),
        # Ordered, but no supplier of the round sells it: someone must buy it elsewhere.
        "unsold": [
            row["product"]
            for po in tally.purchase_orders(round_)
            if po.supplier is None
            for row in po.rows
        ],  # fmt: skip
        "buildings": _buildings(scope, round_),
        "balance": fulfil.round_balance(round_),
    }
    return render(request, "groupbuy/tally_steps.html", context)


def _buildings(scope, round_):
    """Buildings with orders in this round whose bags the user may see."""
    ids = _handout_lines(scope, round_).filter(order__round=round_)
    ids = ids.values("order__household__building_id")
    return Building.objects.filter(pk__in=ids).select_related("compound").order_by("sort_key")


@login_required
def tally_page(request, pk):
    scope, round_ = _round(request, pk, access.TALLY_READERS)
    lines = scope.filter(OrderLine)
    context = {
        "round": round_,
        "whole_round": access.may(scope, access.RECEIVERS, round_.community_id),
        "totals": tally.totals_by_product(round_, lines),
        "buildings": tally.building_totals_grouped(round_, lines),
    }
    return render(request, "groupbuy/tally_round.html", context)


def _purchase_order(request, pk, supplier_pk):
    scope, round_ = _round(request, pk)
    supplier = get_object_or_404(round_.suppliers.all(), pk=supplier_pk)
    if not access.may_see_purchase_order(scope, round_, supplier):
        raise Http404
    return round_, tally.purchase_order_for(round_, supplier)


@login_required
def po_page(request, pk, supplier_pk):
    round_, po = _purchase_order(request, pk, supplier_pk)
    return render(request, "groupbuy/po_page.html", {"round": round_, "po": po})


@login_required
def po_xlsx(request, pk, supplier_pk):
    round_, po = _purchase_order(request, pk, supplier_pk)
    response = HttpResponse(
        tally.purchase_order_xlsx(round_, po),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"purchase-order-{round_.pk}-{po.supplier.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def mark_ordered(request, pk):
    """The purchase orders went to the suppliers: the round moves from closed to ordered."""
    _scope, round_ = _round(request, pk, access.RECEIVERS)
    try:
        rounds.advance(round_, RoundState.ORDERED)
    except rounds.RoundRefused as refused:
        messages.error(request, refused.message)
    return redirect("groupbuy:fulfil", pk=round_.pk)


@login_required
def receive(request, pk):
    """Record what arrived; saving shares it out, makes hand-out tasks and bills."""
    scope, round_ = _round(request, pk, access.RECEIVERS)
    receivable = {RoundState.ORDERED, RoundState.RECEIVED}
    receipts = {r.product_id: r for r in round_.receipts.all()}
    form = ReceiveForm(request.POST or None, totals=tally.totals_by_product(round_),
                       receipts=receipts)  # fmt: skip
    if request.method == "POST" and round_.state not in receivable:
        messages.error(request, _("批次要先标记“已下单”，到货后才能登记"))
    elif request.method == "POST" and form.is_valid():
        try:
            fulfil.receive_round(round_, list(form.arrivals()), request.user)
        except ValidationError as refused:
            # The form keeps what was typed; nothing was saved.
            form.add_error(None, refused)
        else:
            messages.success(request, _("到货已登记，已按规则分配到各户"))
            return redirect("groupbuy:fulfil", pk=round_.pk)
    return render(request, "groupbuy/receive_form.html", {"round": round_, "form": form})


@login_required
def picklist(request, pk):
    """Every bag of the buildings the user looks after; printed, one building per page."""
    scope, round_ = _round(request, pk, access.HANDOUT_HELPERS | access.TALLY_READERS)
    building = request.GET.get("building")
    lines = _handout_lines(scope, round_)
    context = {
        "round": round_,
        "buildings": tally.pick_lists(round_, lines, int(building) if building else None),
    }
    return render(request, "groupbuy/picklist_print.html", context)


def _handout_lines(scope, round_):
    # Volunteers carry bags for the whole community but see no registry pages,
    # so their view of the round is the bags alone.
    if access.may(scope, {access.Role.VOLUNTEER}, round_.community_id):
        return OrderLine.objects.all()
    return scope.filter(OrderLine)


def _handouts(scope, round_):
    handouts = Handout.objects.filter(order__round=round_)
    if not access.may(scope, {access.Role.VOLUNTEER}, round_.community_id):
        handouts = scope.filter(handouts)
    # done_by: the hand-out page names who marked each bag done.
    return handouts.select_related(
        "order__household__building", "order__household__unit", "done_by"
    )


@login_required
def handout(request, pk, building_pk):
    scope, round_ = _round(request, pk, access.HANDOUT_HELPERS)
    handouts = _handouts(scope, round_).filter(order__household__building_id=building_pk)
    building = get_object_or_404(Building.objects.select_related("compound"), pk=building_pk)
    bags = {b["id"]: b for b in tally.pick_lists(round_, _handout_lines(scope, round_),
                                                 building_pk)}  # fmt: skip
    items = {h["id"]: h["items"] for b in bags.values() for h in b["households"]}
    rows = sorted(handouts, key=_handout_order)
    context = {
        "round": round_, "building": building, "form": HandoutForm(),
        "rows": [(h, items.get(h.order.household_id, [])) for h in rows],
        "waiting": sum(h.status == HandoutStatus.WAITING for h in rows),
    }  # fmt: skip
    return render(request, "groupbuy/handout_list.html", context)


def _handout_order(handout):
    # Bags still to go first, and of those the doorstep deliveries: they need a person.
    waiting = handout.status == HandoutStatus.WAITING
    return (not waiting, not handout.needs_doorstep, handout.order.household.room)


@login_required
@require_POST
def handout_done(request, pk):
    scope = scope_of(request)
    item = get_object_or_404(Handout.objects.select_related("order__round"), pk=pk)
    round_ = item.order.round
    access.require(scope, access.HANDOUT_HELPERS, round_.community_id)
    item = get_object_or_404(_handouts(scope, round_), pk=pk)
    form = HandoutForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请选择“已自取”或“已送上门”"))
        fulfil.mark_handout(item, form.cleaned_data["status"], request.user,
                            form.cleaned_data["collected_by"])  # fmt: skip
        messages.success(request, _("%(home)s：%(status)s") % {
            "home": item.order.household.address, "status": item.get_status_display()})  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    target = redirect("groupbuy:handout", pk=round_.pk,
                      building_pk=item.order.household.building_id)  # fmt: skip
    target["Location"] += f"#h{item.pk}"
    return target


@login_required
def payments(request, pk):
    """What each household owes, outstanding first, per building."""
    scope, round_ = _round(request, pk, access.PAYMENT_MARKERS | access.RECEIVERS)
    rows = (
        scope.filter(Payment.objects.filter(order__round=round_))
        .select_related("order__household__building__compound", "order__household__unit")
        .order_by("order__household__building__sort_key", "order__household__unit__number",
                  "order__household__room")
    )  # fmt: skip
    groups = {}
    for payment in rows:
        groups.setdefault(payment.order.household.building, []).append(payment)
    context = {
        "round": round_, "groups": groups.items(), "balance": fulfil.round_balance(round_),
        "statuses": PaymentStatus, "form": PaymentForm(),
        "may_mark": access.may(scope, access.PAYMENT_MARKERS, round_.community_id),
        "may_love": access.may(scope, access.LOVE_LISTERS, round_.community_id),
    }  # fmt: skip
    return render(request, "groupbuy/payments_list.html", context)


@login_required
@require_POST
def payment_mark(request, pk):
    scope = scope_of(request)
    payment = scope.get_or_404(Payment.objects.select_related("order__round"), pk=pk)
    round_ = payment.order.round
    access.require(scope, access.PAYMENT_MARKERS, round_.community_id)
    form = PaymentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请选择已付或免单"))
        fulfil.mark_payment(payment, form.cleaned_data["status"], request.user,
                            form.cleaned_data["method"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("groupbuy:payments", pk=round_.pk)


@login_required
@require_POST
def love(request, pk):
    """Put an order on (or off) the round's 爱心菜 list."""
    scope = scope_of(request)
    order = scope.get_or_404(Order.objects.select_related("round"), pk=pk)
    access.require(scope, access.LOVE_LISTERS, order.round.community_id)
    try:
        fulfil.set_love(order, request.POST.get("on") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("groupbuy:payments", pk=order.round_id)


@login_required
def order_allocation(request, pk):
    """One household's order: what it got and why."""
    order = scope_of(request).get_or_404(
        Order.objects.select_related("round", "household__building"), pk=pk
    )
    return render(request, "groupbuy/handout_allocation.html", {"order": order})
