"""Rounds, suppliers and orders: the pages. Every query goes through the Scope;
orders are written only by `ordering.place_order`, state moves by `rounds`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from linli.accounts.choices import PERSONAL_DATA_ROLES, Role
from linli.accounts.scope import scope_of
from linli.community.models import Building, Community, Household, Resident
from linli.front.htmx import htmx_partial
from linli.groupbuy import rounds as service
from linli.groupbuy.choices import NEXT_STATE, RoundState
from linli.groupbuy.forms import Cart, OffersForm, ReopenForm, RoundForm, SupplierForm
from linli.groupbuy.models import Order, OrderLine, Round, Supplier
from linli.groupbuy.ordering import (
    OrderRefused,
    cancel_order,
    channel_for,
    households_for_ordering,
    place_order,
    submitted_at,
    when,
)

# Who orders on behalf of a household (代办); residents order for themselves.
PROXY_ROLES = (Role.CAPTAIN, Role.AREA_LEADER, Role.STAFF)

# --- helpers -------------------------------------------------------------------


def _visible_round(request, pk):
    try:
        return Round.objects.visible_to(scope_of(request)).get(pk=pk)
    except Round.DoesNotExist:
        raise Http404 from None


def _managed_round(request, pk):
    round = _visible_round(request, pk)
    if not service.can_manage(scope_of(request), round.community_id):
        raise Http404
    return round


def _manager_community(request):
    """The community whose rounds and suppliers this user runs, or 404."""
    ids = service.managed_communities(scope_of(request))
    communities = Community.objects.order_by("pk")
    community = communities.first() if ids is None else communities.filter(pk__in=ids).first()
    if community is None:
        raise Http404
    return community


def _order_household(request, round, household_pk):
    """A household this user may order for, inside the round's scope, or 404."""
    households = households_for_ordering(scope_of(request)).select_related(
        "building__compound", "unit"
    )
    household = scope_of(request).get_or_404(households, pk=household_pk)
    if not Round.objects.for_household(household).filter(pk=round.pk).exists():
        raise Http404
    return household


# --- rounds --------------------------------------------------------------------


@login_required
def round_list(request):
    scope = scope_of(request)
    rounds = Round.objects.visible_to(scope).select_related("community")
    now = timezone.now()
    items = []
    for r in rounds[:100]:
        state = service.shown_state(r, now)
        items.append((r, state, RoundState(state).label, when(r.closes_at)))
    context = {
        "items": items,
        "may_manage": service.managed_communities(scope) != set(),
        "household_ids": sorted(scope.household_ids),
    }
    return render(request, "groupbuy/round_list.html", context)


# The round page moves a round one way only: 截单. Every later state has one
# path, on the steps that record it: the purchase orders sent (fulfil's
# mark_ordered), the delivery recorded (receive), the last bag handed out and
# the last payment settled (both moved by fulfil.py itself).
NEXT_STEP_HINTS = {
    RoundState.CLOSED: gettext_lazy(
        "下一步：在“截单后”页面下载采购单，发给供应商后点“采购单已发给供应商”。"
    ),
    RoundState.ORDERED: gettext_lazy("货到了以后，登记实际到货数量；登记后批次自动改为“已到货”。"),
    RoundState.RECEIVED: gettext_lazy("最后一户分发完后，批次自动改为“已分发”。"),
    RoundState.HANDED_OUT: gettext_lazy("最后一户付款或免单后，批次自动改为“已结清”。"),
}


def _detail_context(request, round, reopen_form=None):
    scope = scope_of(request)
    buildings = scope.filter(Building.objects.select_related("compound")).filter(
        compound__community_id=round.community_id
    )
    counts = Order.objects.filter(round=round).values("household__building")
    ordered = {row["household__building"]: row["n"] for row in counts.annotate(n=Count("pk"))}
    buildings = buildings.annotate(household_count=Count("households"))
    buildings = buildings.order_by("compound", "number")
    state = service.shown_state(round)
    next_state = NEXT_STATE.get(RoundState(state))
    return {
        "round": round,
        "state": state,
        "state_label": RoundState(state).label,
        "closes": when(round.closes_at),
        "accepting": round.accepts_orders(),
        "may_close": next_state == RoundState.CLOSED,
        "next_step": NEXT_STEP_HINTS.get(RoundState(state)),
        "may_manage": service.can_manage(scope, round.community_id),
        "may_reopen": service.can_reopen(scope, round.community_id),
        "reopen_form": reopen_form or ReopenForm(),
        "buildings": [(b, ordered.get(b.pk, 0)) for b in buildings],
        "own_households": list(scope.filter(Household).filter(pk__in=scope.household_ids)),
        "may_proxy": scope.is_superuser or scope.has_role(*PROXY_ROLES),
    }


@login_required
def round_detail(request, pk):
    round = _visible_round(request, pk)
    return render(request, "groupbuy/round_detail.html", _detail_context(request, round))


@login_required
def round_edit(request, pk=None):
    community = _manager_community(request)
    round = _managed_round(request, pk) if pk else None
    form = RoundForm(request.POST or None, instance=round, community=round and round.community
                     or community)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        if round is None:
            form.instance.created_by = request.user
        saved = form.save()
        messages.success(request, _("已保存批次“%(title)s”。") % {"title": saved.title})
        return redirect("groupbuy:round", saved.pk)
    return render(request, "groupbuy/round_form.html", {"form": form, "round": round})


@login_required
@require_POST
def round_advance(request, pk):
    """截单 only; later states are moved by the steps that record them."""
    round = _managed_round(request, pk)
    if request.POST.get("to") != RoundState.CLOSED:
        messages.error(request, _("这一步请在“截单后”页面上做：登记了什么，状态就跟着改。"))
        return redirect("groupbuy:round", round.pk)
    try:
        moved = service.advance(round, RoundState.CLOSED)
        messages.success(
            request, _("批次已改为“%(state)s”。") % {"state": moved.get_state_display()}
        )
    except (service.RoundRefused, ValueError) as refused:
        messages.error(request, getattr(refused, "message", str(refused)))
    return redirect("groupbuy:round", round.pk)


@login_required
@require_POST
def round_reopen(request, pk):
    round = _managed_round(request, pk)
    if not service.can_reopen(scope_of(request), round.community_id):
        raise Http404
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            service.reopen(round, form.cleaned_data["closes_at"])
            messages.success(request, _("批次已重新开放。"))
            return redirect("groupbuy:round", round.pk)
        except service.RoundRefused as refused:
            form.add_error("closes_at", refused.message)
    context = _detail_context(request, round, reopen_form=form)
    return render(request, "groupbuy/round_detail.html", context, status=422)


@login_required
def round_building(request, pk, building_pk):
    """A captain's list: who in this building has ordered, who has not (tap to call)."""
    scope = scope_of(request)
    round = _visible_round(request, pk)
    building = scope.get_or_404(Building.objects.select_related("compound"), pk=building_pk)
    orders = Order.objects.filter(round=round).select_related("entered_by")
    households = (
        scope.filter(Household.objects.filter(building=building))
        .select_related("unit")
        .prefetch_related(
            Prefetch("orders", queryset=orders, to_attr="round_orders"),
            Prefetch("residents", queryset=Resident.objects.order_by("pk")),
        )
    )
    rows = sorted(households, key=lambda h: (h.unit.number if h.unit_id else "", h.room))
    context = {
        "round": round,
        "building": building,
        "waiting": [h for h in rows if not h.round_orders],
        "done": [h for h in rows if h.round_orders],
        # Everyone listed is already in the user's scope, so the role decides.
        "may_call": scope.is_superuser
        or scope.has_role(*PERSONAL_DATA_ROLES, Role.AREA_LEADER, Role.CAPTAIN),
        "accepting": round.accepts_orders(),
    }
    return render(request, "groupbuy/round_building.html", context)


# --- orders --------------------------------------------------------------------


@login_required
def order_pick(request, pk):
    """代办: find the household by its room, then order for it."""
    round = _visible_round(request, pk)
    query = request.GET.get("q", "").strip()[:30]
    households = households_for_ordering(scope_of(request)) & service.households_in(round)
    found = Household.objects.none()
    if query:
        residents = Resident.objects.search(query).values("household_id")
        found = households.filter(Q(pk__in=residents) | Q(room=query))
        found = found.select_related("building__compound", "unit").order_by("building", "room")
    context = {"round": round, "query": query, "found": found[:30]}
    template = (
        "groupbuy/order_pick_results.html" if htmx_partial(request) else "groupbuy/order_pick.html"
    )
    return render(request, template, context)


@login_required
def order_form(request, pk, household_pk):
    """The catalog by category with +/- steppers → review → confirm."""
    round = _visible_round(request, pk)
    household = _order_household(request, round, household_pk)
    existing = Order.objects.filter(round=round, household=household).first()
    initial = dict(existing.lines.values_list("product_id", "quantity")) if existing else {}
    cart = Cart(service.products_of(round), request.POST if request.method == "POST" else None,
                initial)  # fmt: skip
    context = {"round": round, "household": household, "cart": cart, "existing": existing,
               "accepting": round.accepts_orders()}  # fmt: skip
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step:
            product_id, _sign, delta = step.partition(":")
            if product_id.isdigit():
                cart.step(int(product_id), 1 if delta == "+" else -1)
        elif "back" not in request.POST:
            lines = cart.lines()
            if not lines and not cart.errors:
                cart.errors[0] = _("请至少选一样商品。")
            if not cart.errors and "confirm" in request.POST:
                return _confirm(request, round, household, lines, context)
            if not cart.errors:
                context["review"] = lines
    template = "groupbuy/order_cart.html" if htmx_partial(request) else "groupbuy/order_form.html"
    return render(request, template, context)


def _confirm(request, round, household, lines, context):
    scope = scope_of(request)
    try:
        order = place_order(round, household, lines, channel=channel_for(scope, household),
                            entered_by=request.user, now=submitted_at(request))  # fmt: skip
    except OrderRefused as refused:
        context["refusal"] = refused.message
        partial = htmx_partial(request)
        template = "groupbuy/order_cart.html" if partial else "groupbuy/order_form.html"
        # htmx swaps only 2xx answers by default; the refusal must be seen.
        return render(request, template, context, status=200 if partial else 409)
    messages.success(request, _("已下单。截单前还可以修改。"))
    target = reverse("groupbuy:order", args=[order.pk])
    if htmx_partial(request):
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return redirect(target)


@login_required
def order_detail(request, pk):
    scope = scope_of(request)
    lines = OrderLine.objects.select_related("product").order_by("product__category", "pk")
    order = scope.get_or_404(
        Order.objects.select_related("round", "household__building__compound", "household__unit",
                                     "entered_by").prefetch_related(Prefetch("lines", lines)),
        pk=pk,
    )  # fmt: skip
    may_edit = (
        order.round.accepts_orders()
        and households_for_ordering(scope).filter(pk=order.household_id).exists()
    )
    return render(request, "groupbuy/order_detail.html", {"order": order, "may_edit": may_edit})


@login_required
@require_POST
def order_cancel(request, pk):
    scope = scope_of(request)
    order = scope.get_or_404(Order.objects.select_related("round"), pk=pk)
    household = _order_household(request, order.round, order.household_id)
    try:
        cancel_order(order.round, household)
        messages.success(request, _("订单已取消。"))
    except OrderRefused as refused:
        messages.error(request, refused.message)
        return redirect("groupbuy:order", order.pk)
    return redirect("groupbuy:round", order.round_id)


# --- suppliers -----------------------------------------------------------------


@login_required
def supplier_list(request):
    community = _manager_community(request)
    suppliers = Supplier.objects.filter(community=community).annotate(n=Count("offers"))
    return render(request, "groupbuy/supplier_list.html", {"suppliers": suppliers.order_by("name")})


@login_required
def supplier_edit(request, pk=None):
    community = _manager_community(request)
    supplier = None
    if pk:
        try:
            supplier = Supplier.objects.get(pk=pk, community=community)
        except Supplier.DoesNotExist:
            raise Http404 from None
    form = SupplierForm(request.POST or None, instance=supplier, community=community)
    offers = OffersForm(request.POST or None, supplier=form.instance)
    if request.method == "POST" and form.is_valid() and offers.is_valid():
        offers.supplier = form.save()
        offers.save()
        messages.success(request, _("已保存供应商“%(name)s”。") % {"name": offers.supplier.name})
        return redirect("groupbuy:suppliers")
    context = {"form": form, "offers": offers, "supplier": supplier}
    return render(request, "groupbuy/supplier_form.html", context)
