"""Offering needs to professionals and their answers; the "待我接受" list.

The rules of the states are assign.py's; who may take a step is access.py's:
supervisors and community staff of the need's community offer, refer and
decline on behalf; the offered professional accepts or declines; a case's lead
refers it on. A need outside `visible_needs` is a 404; one in sight that the
user may not act on is a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.cases import access, assign, matching, suggest
from linli.cases.choices import AssignmentStatus, NeedStatus, Priority
from linli.cases.models import Assignment, Case, Need, Professional

LIVE_STATUSES = (NeedStatus.OFFERED, NeedStatus.ACTIVE)
NEED_DETAILS = ("household__building__compound", "household__unit", "resident")


def _need_or_404(scope, pk) -> Need:
    need = access.visible_needs(scope, Need.objects.select_related(*NEED_DETAILS))
    need = need.filter(pk=pk).first()
    if need is None:
        raise Http404
    return need


def _lead_of(need, pro) -> bool:
    return pro is not None and Case.objects.filter(need=need, lead=pro).exists()


def panel_context(request, need) -> dict | None:
    """What the need page shows of its assignment to this user, or None."""
    scope = scope_of(request)
    manages = access.may_manage(scope, need)
    pro = access.professional(scope)
    assignments = list(need.assignments.select_related("professional", "assigned_by"))
    offered = next((a for a in assignments if a.status == AssignmentStatus.OFFERED), None)
    mine = offered if offered and pro and offered.professional_id == pro.pk else None
    is_lead = _lead_of(need, pro)
    if not (manages or mine or is_lead):
        return None
    shareable = need.consent or need.priority == Priority.P1
    context = {
        "manages": manages,
        "mine": mine,
        "offered": offered,
        "shareable": shareable,
        "declined": [a for a in assignments if a.status == AssignmentStatus.DECLINED],
        "accepted": next((a for a in assignments if a.status == AssignmentStatus.ACCEPTED), None),
        "may_refer": (manages or is_lead)
        and need.status in (NeedStatus.OFFERED, NeedStatus.ACTIVE),
    }
    if (manages and need.status == NeedStatus.NEW and shareable) or context["may_refer"]:
        # One query: the candidates and their load, for the suggestions and the select.
        summary = suggest.summarise_need(need)
        professionals, summaries = suggest.candidates([summary.community_id])
        busy = {offered.professional_id} if offered else set()
        if context["accepted"]:
            busy.add(context["accepted"].professional_id)
        context["others"] = [
            (professionals[c.id], c)
            for c in sorted(summaries, key=lambda c: (professionals[c.id].name, c.id))
            if not c.full and c.id not in busy
        ]
        if need.status == NeedStatus.NEW:
            matches = matching.rank(summary, summaries)
            context["suggestions"] = suggest.as_suggestions(matches, professionals)
    return context


def _back(need):
    return redirect("cases:need", need.pk)


def _professional_from(request, need):
    pk = request.POST.get("professional", "")
    found = Professional.objects.filter(pk=pk).first() if pk.isdigit() else None
    if found is None:
        messages.error(request, _("请选择一位专业人员。"))
    return found


@require_POST
@login_required
def offer(request, pk):
    scope = scope_of(request)
    need = _need_or_404(scope, pk)
    if not access.may_manage(scope, need):
        raise PermissionDenied
    professional = _professional_from(request, need)
    if professional is None:
        return _back(need)
    try:
        assign.offer(need, professional, request.user, request.POST.get("reason", ""))
    except assign.AssignRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("已分派给 %(name)s，等待接受。") % {"name": professional.name})
    return _back(need)


@require_POST
@login_required
def refer(request, pk):
    scope = scope_of(request)
    need = _need_or_404(scope, pk)
    if not (access.may_manage(scope, need) or _lead_of(need, access.professional(scope))):
        raise PermissionDenied
    professional = _professional_from(request, need)
    if professional is None:
        return _back(need)
    try:
        assign.refer(need, professional, request.user, request.POST.get("note"))
    except assign.AssignRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("已转介给 %(name)s，等待接受。") % {"name": professional.name})
    return _back(need)


def _assignment_or_404(request, pk):
    """An offer the user may answer: their own, or one of a need they manage."""
    scope = scope_of(request)
    assignment = (
        Assignment.objects.select_related("professional", *(f"need__{d}" for d in NEED_DETAILS))
        .filter(pk=pk)
        .first()
    )
    if assignment is None:
        raise Http404
    if assignment.professional.user_id == request.user.pk:
        return assignment, False
    if access.may_manage(scope, assignment.need):
        return assignment, True
    raise Http404


@require_POST
@login_required
def accept(request, pk):
    assignment, _manages = _assignment_or_404(request, pk)
    try:
        case = assign.accept(assignment, request.user)
    except assign.AssignRefused as refused:
        messages.error(request, refused.message)
        return _back(assignment.need)
    messages.success(request, _("已接案。"))
    return redirect("cases:case", case.pk)


@require_POST
@login_required
def decline(request, pk):
    assignment, manages = _assignment_or_404(request, pk)
    try:
        assign.decline(assignment, request.user, request.POST.get("note", ""))
    except assign.AssignRefused as refused:
        messages.error(request, refused.message)
        return _back(assignment.need) if manages else redirect("cases:offers")
    messages.success(request, _("已拒绝，需求退回社区重新分派。"))
    # A professional who declined no longer sees the need: back to their list.
    return _back(assignment.need) if manages else redirect("cases:offers")


@login_required
def offers(request):
    """待我接受: the offers waiting for this professional's answer, most urgent first."""
    pro = access.professional(scope_of(request))
    if pro is None:
        raise Http404
    waiting = (
        Assignment.objects.filter(professional=pro, status=AssignmentStatus.OFFERED)
        .select_related(*(f"need__{d}" for d in NEED_DETAILS), "assigned_by")
        .order_by("need__priority", "need__due_at", "id")
    )
    return render(request, "cases/offers.html", {"professional": pro, "offers": waiting})
