"""Needs: the resident's own request, phone intake on behalf, the list and a need's page.

Who sees what is access.py's: a need outside `visible_needs` is a 404, and its
text and contact show only where `may_read_text` says so. Pasted chats are in
views_paste.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.accounts.scope import scope_of
from linli.audit.log import record
from linli.audit.models import Action
from linli.cases import access, flows, handling, intake
from linli.cases.choices import OPEN_NEED_STATUSES, Category, Channel, NeedStatus, Priority
from linli.cases.forms_needs import PhoneNeedForm, ResidentNeedForm
from linli.cases.models import CaseEvent, Need
from linli.community.models import Household, Resident
from linli.front.htmx import htmx_partial

PER_PAGE = 50
# What a resident or a captain is told of a need's progress: that help is under
# way, never by whom or what was said.
PLAIN_STATUS = {
    NeedStatus.NEW: gettext_lazy("社区已收到，正在安排"),
    NeedStatus.OFFERED: gettext_lazy("正在联系专业人员"),
    NeedStatus.ACTIVE: gettext_lazy("已有专业人员跟进"),
    NeedStatus.CLOSED: gettext_lazy("已办结"),
    NeedStatus.WITHDRAWN: gettext_lazy("已撤回"),
}
NEED_DETAILS = ("household__building__compound", "household__unit", "resident", "entered_by")


def _plain_status(need) -> str:
    return str(PLAIN_STATUS[need.status])


# --- the resident's own request ------------------------------------------------------


def _own_household(scope):
    return (
        Household.objects.filter(pk__in=scope.household_ids)
        .select_related("building__compound", "unit")
        .order_by("pk")
        .first()
    )


def _own_resident(user, household):
    """The resident the account belongs to: the one with the account's phone."""
    if not user.phone:
        return None
    found = list(household.residents.filter(phone=user.phone)[:2])
    return found[0] if len(found) == 1 else None


@login_required
def need_new(request):
    """Seven big buttons, then a big box: a request for help in plain words."""
    scope = scope_of(request)
    household = _own_household(scope)
    if household is None:
        if intake.may_take_needs(scope):
            return redirect("cases:need_phone")
        return render(request, "cases/need_new.html", {"no_home": True})
    category = request.POST.get("category") or request.GET.get("category")
    if category not in Category.values:
        return render(request, "cases/need_new.html", {"categories": Category.choices})
    resident = _own_resident(request.user, household)
    initial = {
        "token": intake.new_token(),
        "category": category,
        "contact_phone": (resident.phone if resident else "") or request.user.phone or "",
    }
    form = ResidentNeedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        need = Need(
            household=household, resident=resident, category=data["category"],
            contact_name=resident.name if resident else request.user.get_full_name(),
            contact_phone=data["contact_phone"], text=data["text"], consent=data["consent"],
            channel=Channel.RESIDENT, entered_by=request.user,
        )  # fmt: skip
        need, _created = intake.submit(need, data["token"], actor=request.user)
        if need.entered_by_id != request.user.pk:
            raise Http404  # someone else's token: nothing of theirs is shown
        return redirect("cases:need_done", need.pk)
    context = {"form": form, "category": Category(category), "household": household}
    return render(request, "cases/need_new.html", context, status=400 if form.errors else 200)


@login_required
def need_done(request, pk):
    """The confirmation: what happens next and by when; the emergency numbers."""
    need = _visible_need_or_404(request, pk)
    if not access.may_read_text(scope_of(request), need):
        # It repeats the contact phone: those who see only the status get the need page.
        return redirect("cases:need", need.pk)
    return render(request, "cases/need_done.html", _resident_context(need))


def _resident_context(need) -> dict:
    return {
        "need": need,
        "plain_status": _plain_status(need),
        "urgent": need.crisis or need.priority == Priority.P1,
        # Counted from now: the page may be opened again later.
        "minutes": max(0, int((need.due_at - timezone.now()).total_seconds() // 60)),
        "overdue": need.is_overdue(),
    }


# --- phone intake on behalf (电话代办) -----------------------------------------------


def _intake_scope(request):
    scope = scope_of(request)
    if not intake.may_take_needs(scope):
        raise Http404
    return scope


@login_required
def need_phone(request):
    """Find the household by its room or a resident's name."""
    scope = _intake_scope(request)
    query = request.GET.get("q", "").strip()[:30]
    found = Household.objects.none()
    if query:
        residents = Resident.objects.search(query).values("household_id")
        found = intake.households_for_intake(scope).filter(Q(pk__in=residents) | Q(room=query))
        found = found.select_related("building__compound", "unit").order_by("building", "room")
    context = {"query": query, "found": found[:30]}
    template = "cases/need_pick_results.html" if htmx_partial(request) else "cases/need_phone.html"
    return render(request, template, context)


@login_required
def need_phone_form(request, household_pk):
    scope = _intake_scope(request)
    household = get_object_or_404(
        intake.households_for_intake(scope).select_related("building__compound", "unit"),
        pk=household_pk,
    )
    head = household.residents.exclude(phone="").order_by("pk").first()
    initial = {
        "token": intake.new_token(),
        "resident": head,
        "contact_name": head.name if head else "",
        "contact_phone": head.phone if head else "",
    }
    form = PhoneNeedForm(request.POST or None, initial=initial, household=household)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        need = Need(
            household=household, resident=data["resident"], contact_name=data["contact_name"],
            contact_phone=data["contact_phone"], category=data["category"], text=data["text"],
            consent=data["consent"], channel=Channel.PHONE, entered_by=request.user,
        )  # fmt: skip
        need, created = intake.submit(need, data["token"], actor=request.user)
        if need.entered_by_id != request.user.pk:
            raise Http404
        if created:
            messages.success(
                request,
                _("已登记求助，优先级 %(priority)s，请在 %(due)s 前响应")
                % {"priority": need.get_priority_display(), "due": _local(need.due_at)},
            )
        return redirect("cases:need", need.pk)
    context = {"form": form, "household": household}
    return render(
        request, "cases/need_phone_form.html", context, status=400 if form.errors else 200
    )


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%m-%d %H:%M")


# --- the list and a need's page ------------------------------------------------------


def _visible_need_or_404(request, pk):
    needs = access.visible_needs(scope_of(request), Need.objects.select_related(*NEED_DETAILS))
    return get_object_or_404(needs, pk=pk)


def _may_list(scope) -> bool:
    return bool(
        intake.may_take_needs(scope)
        or access.professional(scope)
        or scope.household_ids
        or access.staff_community_ids(scope)
    )


STATUS_FILTERS = {"open": OPEN_NEED_STATUSES, "all": None} | {s: (s,) for s in NeedStatus.values}


@login_required
def need_list(request):
    """Phone-first cards, most urgent first: priority, then the deadline."""
    scope = scope_of(request)
    if not _may_list(scope):
        raise Http404
    status = request.GET.get("status", "open")
    status = status if status in STATUS_FILTERS else "open"
    needs = access.visible_needs(scope, Need.objects.select_related(*NEED_DETAILS[:2]))
    if STATUS_FILTERS[status]:
        needs = needs.filter(status__in=STATUS_FILTERS[status])
    priority = request.GET.get("priority", "")
    if priority in {str(p) for p in Priority.values}:
        needs = needs.filter(priority=int(priority))
    now = timezone.now()
    if request.GET.get("overdue"):
        needs = needs.overdue(now)
    if request.GET.get("escalated"):
        needs = needs.filter(escalated_at__isnull=False)
    page = Paginator(needs.order_by("priority", "due_at", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "status": status,
        "priority": priority,
        "overdue": bool(request.GET.get("overdue")),
        "escalated": bool(request.GET.get("escalated")),
        "statuses": [("open", _("未办结"))] + NeedStatus.choices + [("all", _("全部"))],
        "priorities": Priority.choices,
        "now": now,
        "may_take": intake.may_take_needs(scope),
        "supervisor": access.is_supervisor(scope),
    }
    return render(request, "cases/needs_list.html", context)


@login_required
def need_detail(request, pk):
    return need_page(request, _visible_need_or_404(request, pk))


def visible_need_or_404(request, pk):
    return _visible_need_or_404(request, pk)


def need_page(request, need, extra=None, status=200):
    """The need's page; `extra` carries a refused step's message and what was typed."""
    scope = scope_of(request)
    reads = access.may_read_text(scope, need)
    extra = extra or {}
    if "handling" not in extra:
        extra["handling"] = handling.panel(scope, need)
    # The plain page repeats the contact: for a household's own asker, not for a
    # captain who lives there and sees the need through their building.
    if reads and need.household_id in scope.household_ids and not access.may_manage(scope, need):
        context = _resident_context(need) | extra
        return render(request, "cases/need_done.html", context, status=status)
    if reads and need.entered_by_id != request.user.pk:
        # A request for help is personal, often about health: each reading is on the trail.
        record(Action.VIEW_HEALTH, need, user=request.user)
    context = {
        "need": need,
        "reads": reads,
        "plain_status": _plain_status(need),
        "overdue": need.is_overdue(),
        "events": CaseEvent.objects.filter(need=need).select_related("actor") if reads else [],
        "medicine": flows.medicine_round_link(scope, need),
        **extra,
    }
    return render(request, "cases/need_detail.html", context, status=status)
