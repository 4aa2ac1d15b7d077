"""Check-in pages: the dashboard for each role, a building's sheet for the
door-to-door round, its missing list, and the check-in form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.community.models import Building, Household, Resident
from linli.community.views import group_by_unit
from linli.health import access
from linli.health.choices import FOUR_CATEGORIES, Category, Channel
from linli.health.coverage import (
    away_from_home,
    coverage,
    expected_to_check_in,
    not_expected,
    totals,
)
from linli.health.forms import CheckInForm
from linli.health.models import CareFlag, CheckIn, Quarantine, VisitTask, category_counts


def _channel(scope, household):
    if household.pk in scope.household_ids:
        return Channel.SELF
    return Channel.ROUND if access.sees_details(scope) else Channel.PROXY


@login_required
def dashboard(request):
    scope = scope_of(request)
    today = timezone.localdate()
    if access.sees_details(scope):
        return _staff_dashboard(request, scope, today)
    if access.sees_coverage(scope):
        day = _day(request, today)
        rows = coverage(access.coverage_filter(scope, Building.objects.all()), day)
        tasks = scope.filter(VisitTask.objects.open()).select_related("resident", "household")
        context = {"rows": rows, "total": totals(rows), "tasks": tasks, "today": today, "day": day}
        return render(request, "health/captain.html", context)
    if scope.household_ids:
        return _resident_home(request, scope, today)
    raise Http404


def _day(request, today):
    """The day whose coverage to show: ?date=2020-02-12, today when absent or bad."""
    try:
        day = parse_date(request.GET.get("date") or "")
    except ValueError:
        day = None
    return day if day and day <= today else today


def _staff_dashboard(request, scope, today):
    detail = lambda qs: access.detail_filter(scope, qs)  # noqa: E731
    day = _day(request, today)
    rows = coverage(detail(Building.objects.all()), day)
    counts = category_counts(detail(Resident.objects.all()))
    context = {
        "today": today,
        "day": day,
        "rows": rows,
        "total": totals(rows),
        "tasks": detail(VisitTask.objects.open()).select_related(
            "resident", "household__building", "household__unit", "checkin"
        ),
        "care_flags": detail(CareFlag.objects.open()).select_related(
            "household__building__compound", "household__unit"
        ),
        "not_seen": detail(Quarantine.objects.not_seen(today)).select_related("resident"),
        "follow_ups_due": detail(Quarantine.objects.due_for_follow_up(today)).select_related(
            "resident", "household__building", "household__unit"
        ),
        "in_quarantine": detail(Quarantine.objects.active()).count(),
        "categories": [(c, counts.get(c.value, 0)) for c in Category if c in FOUR_CATEGORIES],
        "other_categories": [
            (c, counts[c.value]) for c in Category if c not in FOUR_CATEGORIES and c.value in counts
        ],
    }
    return render(request, "health/staff.html", context)


def _resident_home(request, scope, today):
    households = (
        scope.filter(Household)
        .filter(pk__in=scope.household_ids)
        .prefetch_related(
            Prefetch("residents", queryset=Resident.objects.order_by("id")),
            Prefetch("checkins", queryset=CheckIn.objects.filter(date__gte=today.replace(day=1))),
        )
    )
    households = list(households)
    # The dead and those away from home are not theirs to fill in.
    absent = not_expected(Resident.objects.filter(household__in=households), today)
    for household in households:
        household.to_fill = [r for r in household.residents.all() if r.pk not in absent]
    return render(request, "health/resident.html", {"households": households, "today": today})


@login_required
def sheet(request, pk):
    """The door-to-door sheet: every household of a building with today's state."""
    scope = scope_of(request)
    building = _building_or_404(scope, pk)
    today = timezone.localdate()
    households = access.coverage_filter(scope, Household.objects.filter(building=building))
    households = households.select_related("unit").prefetch_related(
        Prefetch("residents", queryset=Resident.objects.order_by("id")),
        Prefetch("checkins", queryset=CheckIn.objects.filter(date=today), to_attr="today"),
    )
    households = list(households)
    # Shown greyed with their state, no input: they are not expected today.
    absent = not_expected(Resident.objects.filter(household__in=households), today)
    for household in households:
        for resident in household.residents.all():
            resident.absence = absent.get(resident.pk)
        household.expected = any(r.pk not in absent for r in household.residents.all())
    flagged = set(
        VisitTask.objects.open()
        .filter(household__building=building)
        .values_list("resident_id", flat=True)
    )
    context = {
        "building": building,
        "units": group_by_unit(households),
        "flagged": flagged,
        "details": access.sees_details_of(scope, building),
        "row": coverage(Building.objects.filter(pk=building.pk), today)[0],
    }
    return render(request, "health/sheet.html", context)


def _building_or_404(scope, pk):
    building = (
        access.coverage_filter(scope, Building.objects.select_related("compound"))
        .filter(pk=pk)
        .first()
    )
    if building is None:
        raise Http404
    return building


@login_required
def missing(request, pk):
    """Residents with no check-in today, with their phones one tap away."""
    scope = scope_of(request)
    building = _building_or_404(scope, pk)
    today = timezone.localdate()
    here = access.coverage_filter(scope, Resident.objects.filter(household__building=building))
    residents = list(
        expected_to_check_in(here, today)
        .exclude(checkins__date=today)
        .select_related("household__unit", "household__building")
        .order_by("household__unit__number", "household__room", "id")
    )
    # Phone rights follow the building for everyone who reaches this page.
    may_call = bool(residents) and scope.can_see_phone(residents[0])
    # Why the others are not expected is a health detail: a captain gets one
    # neutral count, which names no one as dead or in hospital.
    if access.sees_details_of(scope, building):
        away, not_due = away_from_home(here, today).count(), 0
    else:
        away, not_due = 0, len(not_expected(here, today))
    context = {"building": building, "residents": residents, "may_call": may_call,
               "away": away, "not_due": not_due}  # fmt: skip
    return render(request, "health/missing.html", context)


@require_POST
@login_required
def household_normal(request, pk):
    scope = scope_of(request)
    household = _household_for_entry(scope, pk)
    written = CheckIn.household_normal(
        household, by=request.user, channel=_channel(scope, household)
    )
    messages.success(
        request, _("%(address)s：已登记%(n)d人正常") % {"address": household.address, "n": written}
    )
    skipped = not_expected(household.residents.all(), timezone.localdate())
    if skipped:
        messages.info(
            request,
            _("另有%(n)d人今天不需要打卡，未登记。") % {"n": len(skipped)},
        )
    return redirect(f"{_back(scope, household)}#h{household.pk}")


def _household_for_entry(scope, pk):
    household = Household.objects.select_related("building", "unit").filter(pk=pk).first()
    if household is None or not access.can_enter_checkin(scope, household):
        raise Http404
    return household


def _back(scope, household):
    if household.pk in scope.household_ids and not access.sees_coverage(scope):
        return reverse("health:dashboard")
    return reverse("health:sheet", args=[household.building_id])


@login_required
def checkin(request, pk):
    """One resident's reading, typed by them, their captain or a worker at the door."""
    scope = scope_of(request)
    resident = (
        Resident.objects.select_related("household__building", "household__unit")
        .filter(pk=pk)
        .first()
    )
    if resident is None or not access.can_enter_checkin(scope, resident.household):
        raise Http404
    absence = not_expected(Resident.objects.filter(pk=resident.pk), timezone.localdate())
    if absence:
        # Nothing to write for them: a reading would be false (a bookmark, a
        # page left open since before the transfer, a typed address).
        if access.sees_details_of(scope, resident.household.building):
            text = _("%(name)s（%(state)s）今天不需要打卡，未登记。") % {
                "name": resident.name, "state": absence[resident.pk].label,
            }  # fmt: skip
        else:  # why is a health detail, not a captain's to learn
            text = _("%(name)s今天不需要打卡，未登记。") % {"name": resident.name}
        messages.error(request, text)
        return redirect(_back(scope, resident.household))
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = CheckIn.record(
            resident, temperature=data["temperature"], method=data["method"],
            symptoms=data["symptoms"], channel=_channel(scope, resident.household), by=request.user,
        )  # fmt: skip
        note = (
            _("已登记，体温有异常，社区会安排上门查看。") if found.abnormal else _("已登记，谢谢。")
        )
        messages.success(request, f"{resident.name}：{note}")
        return redirect(_back(scope, resident.household))
    return render(request, "health/checkin.html", {"form": form, "resident": resident})
