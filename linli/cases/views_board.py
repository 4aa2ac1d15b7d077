"""The volunteers' task board (cases:board): the volunteer's home, and staff's desk for it.

A volunteer sees the open tasks of their community and their own: an address,
a title and a plain detail, never a need's text, a case note or a health record.
Staff of the community see all of its tasks, create, assign and cancel them.
Who is who: see views_volunteers.py.
"""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.accounts.views import safe_next
from linli.audit.log import record_view
from linli.cases import access, tasks
from linli.cases.choices import TASK_SKILL, TaskStatus
from linli.cases.forms_volunteers import AssignForm, CompleteForm, TaskForm
from linli.cases.models import Volunteer, VolunteerTask
from linli.cases.views_volunteers import chosen_community, staff_communities, staff_get_or_404
from linli.community.models import Household
from linli.front.htmx import htmx_partial
from linli.gate.models import Place

# A board longer than this is read in pieces anyway; the oldest days come first.
LIMIT = 300


def _with_places(queryset):
    return queryset.select_related("household__building", "household__unit", "volunteer")


def by_day(task_list, today):
    """[(day, 今天/明天 or "", overdue, tasks)] in date order."""
    names = {today: _("今天"), today + timedelta(days=1): _("明天")}
    days = {}
    for task in task_list:
        days.setdefault(task.due_on, []).append(task)
    return [(day, names.get(day, ""), day < today, items) for day, items in sorted(days.items())]


@login_required
def board(request):
    scope = scope_of(request)
    if staff_communities(scope):
        return _staff_board(request, scope)
    volunteer = tasks.volunteer_of(request.user)
    if volunteer is None:
        raise Http404
    return _volunteer_board(request, volunteer)


def _volunteer_board(request, volunteer):
    today = timezone.localdate()
    open_tasks = _with_places(VolunteerTask.objects.open().filter(community=volunteer.community))
    fit = request.GET.get("fit") == "1"
    if fit:
        kinds = [kind for kind, skill in TASK_SKILL.items() if skill in volunteer.skills]
        open_tasks = open_tasks.filter(kind__in=kinds)
    mine = _with_places(VolunteerTask.objects.unrecorded(volunteer))
    hours = Volunteer.objects.with_minutes(tasks.week_start()).get(pk=volunteer.pk)
    context = {
        "volunteer": volunteer,
        "days": by_day(open_tasks.order_by("due_on", "kind", "pk")[:LIMIT], today),
        "mine": mine.order_by("due_on", "pk"),
        "fit": fit,
        "hours_week": hours.minutes_since / 60,
        "hours_total": hours.minutes_total / 60,
    }
    return render(request, "cases/board.html", context)


def _staff_board(request, scope):
    community = chosen_community(request, scope)
    today, now = timezone.localdate(), timezone.now()
    live = _with_places(VolunteerTask.objects.live().filter(community=community))
    busy_places = {int(t.source[1][0]) for t in live.filter(source_key__startswith="disinfection:")}
    places = Place.objects.filter(community=community).select_related("building")
    done_today = _with_places(VolunteerTask.objects.done().filter(community=community))
    context = {
        "community": community,
        "communities": staff_communities(scope),
        "days": by_day(live.order_by("due_on", "status", "pk")[:LIMIT], today),
        "assign_form": AssignForm(community_id=community.pk),
        "overdue_places": [p for p in places.overdue(now) if p.pk not in busy_places],
        "done_today": done_today.filter(done_at__gte=tasks.day_start(today)).order_by("-done_at"),
        "hours_today": VolunteerTask.objects.hours_on([community.pk], today),
    }
    return render(request, "cases/board_staff.html", context)


def _back(community_id=None):
    response = redirect("cases:board")
    if community_id:
        response["Location"] += f"?community={community_id}"
    return response


def _volunteer_task(request, pk):
    """The volunteer and a task of their community, else 404."""
    volunteer = tasks.volunteer_of(request.user)
    if volunteer is None:
        raise Http404
    task = VolunteerTask.objects.filter(community=volunteer.community, pk=pk).first()
    if task is None:
        raise Http404
    return volunteer, task


def _act(request, move, *args, done_message):
    try:
        task = move(*args)
    except tasks.TaskRefused as refused:
        messages.error(request, refused.message)
        return None
    messages.success(request, done_message % {"title": task.title})
    return task


@login_required
@require_POST
def claim(request, pk):
    volunteer, task = _volunteer_task(request, pk)
    _act(request, tasks.claim, task, volunteer, done_message=_("已认领：%(title)s"))
    return redirect("cases:board")


@login_required
@require_POST
def release(request, pk):
    volunteer, task = _volunteer_task(request, pk)
    _act(request, tasks.release, task, volunteer, done_message=_("已放回任务板：%(title)s"))
    return redirect("cases:board")


@login_required
def complete(request, pk):
    volunteer, task = _volunteer_task(request, pk)
    if task.volunteer_id != volunteer.pk:
        raise Http404
    form = CompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        minutes, note = form.cleaned_data["minutes"], form.cleaned_data["note"]
        if _act(request, tasks.complete, task, volunteer, minutes, note,
                done_message=_("已完成：%(title)s，谢谢你！")):  # fmt: skip
            return redirect("cases:board")
    task = _with_places(VolunteerTask.objects).get(pk=task.pk)
    return render(request, "cases/board_done.html", {"task": task, "form": form})


@login_required
@require_POST
def call_number(request, pk):
    """The phone of the resident a check-call is for: its volunteer or staff; logged."""
    scope = scope_of(request)
    if staff_communities(scope):
        task = staff_get_or_404(scope, VolunteerTask.objects.all(), pk=pk)
    else:
        volunteer, task = _volunteer_task(request, pk)
        if task.volunteer_id != volunteer.pk or task.status != TaskStatus.CLAIMED:
            raise Http404
    resident = tasks.call_resident(task)
    if resident is None or not resident.phone:
        raise Http404
    record_view(request, resident, "phone")
    template = (
        "cases/board_phone_partial.html" if htmx_partial(request) else "cases/board_phone.html"
    )
    return render(request, template, {"task": task, "resident": resident})


# Staff


@login_required
def task_new(request):
    scope = scope_of(request)
    community = chosen_community(request, scope)
    households = scope.filter(Household).filter(building__compound__community=community)
    form = TaskForm(request.POST or None, households=households)
    # One token per form shown: a double tap on 保存 makes one task.
    token = request.POST.get("token") or uuid.uuid4().hex
    if request.method == "POST" and form.is_valid():
        task, created = VolunteerTask.objects.get_or_create(
            source_key=f"form:{token[:40]}",
            defaults={
                **{f: form.cleaned_data[f] for f in ("kind", "title", "household", "due_on")},
                "community": community,
                "detail": form.cleaned_data["detail"]
                or tasks.neutral_detail(form.cleaned_data["kind"]),
                "created_by": request.user,
            },
        )
        messages.success(request, _("已发布任务：%(title)s") % {"title": task.title})
        return _back(community.pk)
    context = {"form": form, "community": community, "token": token}
    return render(request, "cases/board_task_form.html", context)


def _staff_task(request, pk):
    return staff_get_or_404(scope_of(request), VolunteerTask.objects.all(), pk=pk)


@login_required
@require_POST
def assign(request, pk):
    task = _staff_task(request, pk)
    form = AssignForm(request.POST, community_id=task.community_id)
    if form.is_valid():
        _act(request, tasks.assign, task, form.cleaned_data["volunteer"],
             done_message=_("已派出：%(title)s"))  # fmt: skip
    else:
        messages.error(request, " ".join(form.errors["volunteer"]))
    return _back(task.community_id)


@login_required
@require_POST
def cancel(request, pk):
    task = _staff_task(request, pk)
    _act(request, tasks.cancel, task, done_message=_("已取消：%(title)s"))
    return _back(task.community_id)


@login_required
@require_POST
def place_task(request, pk):
    """An overdue disinfection place becomes a task, in one tap."""
    place = staff_get_or_404(scope_of(request), Place.objects.all(), pk=pk)
    task, created = tasks.disinfection_task(place, by=request.user)
    if created:
        messages.success(request, _("已发布任务：%(title)s") % {"title": task.title})
    else:
        messages.info(request, _("这个点位已经有任务了：%(title)s") % {"title": task.title})
    return _back(place.community_id)


@login_required
@require_POST
def need_task(request, pk):
    """A volunteer task from a need: the need's address and kind, never its text."""
    scope = scope_of(request)
    need = access.visible_needs(scope).select_related("household__building__compound")
    need = need.filter(pk=pk).first()
    if need is None or not access.may_manage(scope, need):
        raise Http404
    task, created = tasks.need_task(need, by=request.user)
    if created:
        messages.success(request, _("已发布任务：%(title)s") % {"title": task.title})
    else:
        messages.info(request, _("今天已经为这个需求发过任务了。"))
    return redirect(safe_next(request) or "cases:board")
