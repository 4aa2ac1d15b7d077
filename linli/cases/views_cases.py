"""Case pages: the professional's list and one case with its plan, notes, follow-ups,
small group, closing and timeline. Views check, validate and call `casework`; a case
outside `casework.may_open` does not exist (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Min, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.audit.log import entry
from linli.audit.models import Action
from linli.cases import access, casework
from linli.cases.casework import CaseworkError
from linli.cases.choices import AssignmentStatus, CaseStatus, EventKind
from linli.cases.forms_cases import (
    GROUP_ROLES,
    CloseForm,
    FollowUpDoneForm,
    NoteForm,
    ParticipantForm,
    PlanForm,
    ReopenForm,
    ScheduleForm,
)
from linli.cases.models import Assignment, Case, FollowUp, Participant

_CASE = ("need__household__building__compound", "need__household__unit", "need__resident", "lead")
# Events that the timeline shows as the richer item they stand for (the note, the follow-up).
_SHOWN_AS_ITEM = (EventKind.NOTE, EventKind.FOLLOWED_UP)


def _case_or_404(request, pk) -> Case:
    case = Case.objects.select_related(*_CASE).filter(pk=pk).first()
    if case is None or not casework.may_open(scope_of(request), case):
        raise Http404
    return case


@login_required
def mine(request):
    """The professional's home: their open cases, the earliest follow-up (overdue ones) first;
    the cases of their small groups; a supervisor's communities' open cases."""
    scope = scope_of(request)
    pro = access.professional(scope)
    if pro is None:
        raise Http404
    own = Case.objects.filter(lead=pro)
    supervised = access.supervised_community_ids(scope)
    watched = Case.objects.open().filter(
        need__household__building__compound__community_id__in=supervised
    )
    group = Case.objects.open().filter(participants__user=request.user).distinct()
    context = {
        "pro": pro,
        "today": timezone.localdate(),
        "lead": _by_next_due(own.open()),
        "group": _by_next_due(group.exclude(lead=pro)),
        "watched": _by_next_due(watched.exclude(lead=pro))[:200],
        "is_supervisor": bool(supervised),
        "offers": Assignment.objects.filter(
            professional=pro, status=AssignmentStatus.OFFERED
        ).count(),
        "closed": own.filter(status=CaseStatus.CLOSED)
        .select_related(*_CASE)
        .order_by("-closed_at")[:30],
    }
    return render(request, "cases/mine.html", context)


def _by_next_due(cases):
    """Each case's earliest follow-up not yet done as `next_due`; overdue ones come first
    (they are the earliest), then the rest by date, then those with none planned."""
    return (
        cases.select_related(*_CASE)
        .annotate(next_due=Min("follow_ups__due_on", filter=Q(follow_ups__done_at__isnull=True)))
        .order_by(F("next_due").asc(nulls_last=True), "need__priority", "opened_at", "id")
    )


@login_required
def case_detail(request, pk, forms=None, status=200):
    case = _case_or_404(request, pk)
    scope = scope_of(request)
    notes = list(access.visible_notes(scope, case).select_related("author").order_by("-created_at"))
    if notes and not forms:
        # Notes are personal data: each reading of them is on the resident's trail
        # (a page shown again after a typo is the same reading).
        _record_reading(request, case)
    may_work = access.may_work(scope, case)
    forms = forms or {}
    follow_ups = list(case.follow_ups.select_related("done_by"))
    participants = list(case.participants.all())
    today = timezone.localdate()
    context = {
        "case": case,
        "need": case.need,
        "may_work": may_work,
        "may_read_text": access.may_read_text(scope, case.need),
        "notes": notes,
        # Due and overdue ones get their tick-off form; later ones are a line of dates.
        "pending": [f for f in follow_ups if not f.done_at and f.due_on <= today],
        "upcoming": [f for f in follow_ups if not f.done_at and f.due_on > today],
        "done": [f for f in reversed(follow_ups) if f.done_at],
        "participants": participants,
        "timeline": _timeline(case, notes, follow_ups),
        "today": today,
        "group_roles": GROUP_ROLES,
        "failed": forms.get("failed"),
    }
    if may_work:
        context |= {
            "plan_form": forms.get("plan") or PlanForm(initial={"plan": case.plan}, prefix="plan"),
            "note_form": forms.get("note") or NoteForm(prefix="note"),
            "schedule_form": forms.get("schedule") or ScheduleForm(prefix="fu"),
            "done_form": forms.get("done"),
            "group_form": forms.get("group")
            or ParticipantForm(prefix="group", candidates=casework.group_candidates(case)),
            "close_form": forms.get("close") or CloseForm(prefix="close"),
            "reopen_form": forms.get("reopen") or ReopenForm(prefix="reopen"),
        }
    return render(request, "cases/case_detail.html", context, status=status)


def _record_reading(request, case):
    item = entry(Action.VIEW_CASE, case, user=request.user)
    item.resident_id = case.need.resident_id
    item.save()


def _timeline(case, notes, follow_ups):
    """Events, the notes this reader may see, and done follow-ups, newest first."""
    events = case.need.events.exclude(kind__in=_SHOWN_AS_ITEM).select_related("actor")
    items = [("event", e.at, e) for e in events]
    items += [("note", n.created_at, n) for n in notes]
    items += [("follow_up", f.done_at, f) for f in follow_ups if f.done_at]
    items.sort(key=lambda item: item[1], reverse=True)
    return [{"kind": kind, "at": at, "item": obj} for kind, at, obj in items]


def _step(request, case, form_key, form, action, success):
    """Validate `form`, run `action(cleaned_data)`; on a bad form or a refused step,
    show the case page again with what was typed and the reason."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except CaseworkError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, success)
            return redirect("cases:case", case.pk)
    return case_detail(request, case.pk, {form_key: form, "failed": form_key}, status=400)


def _post(handler):
    return require_POST(login_required(handler))


def _case_step(request, pk, key, form_class, prefix, action, success):
    """One step of a case from its form: `action(scope, case, cleaned_data)`."""
    case = _case_or_404(request, pk)
    form = form_class(request.POST, prefix=prefix)
    scope = scope_of(request)
    return _step(request, case, key, form, lambda d: action(scope, case, d), success)


@_post
def plan(request, pk):
    return _case_step(
        request, pk, "plan", PlanForm, "plan",
        lambda scope, case, d: casework.update_plan(scope, case, d["plan"]), _("已保存服务计划"),
    )  # fmt: skip


@_post
def note(request, pk):
    return _case_step(
        request, pk, "note", NoteForm, "note",
        lambda scope, case, d: casework.add_note(scope, case, d["text"], d["sensitivity"]),
        _("已保存记录"),
    )  # fmt: skip


@_post
def schedule(request, pk):
    return _case_step(
        request, pk, "schedule", ScheduleForm, "fu",
        lambda scope, case, d: casework.schedule_follow_ups(scope, case, d["dates"]),
        _("已安排回访"),
    )  # fmt: skip


@_post
def follow_up_done(request, pk):
    follow_up = FollowUp.objects.filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    case = _case_or_404(request, follow_up.case_id)
    form = FollowUpDoneForm(request.POST, prefix=f"done{pk}")
    form.follow_up = follow_up
    scope = scope_of(request)
    return _step(
        request, case, "done", form,
        lambda d: casework.record_follow_up(scope, follow_up, d["summary"]), _("已记录回访"),
    )  # fmt: skip


@_post
def participant_add(request, pk):
    case = _case_or_404(request, pk)
    candidates = casework.group_candidates(case)
    form = ParticipantForm(request.POST, prefix="group", candidates=candidates)
    scope = scope_of(request)

    def add(d):
        casework.add_participant(scope, case, d["role"], d["user"], d["name"], d["phone"])

    return _step(request, case, "group", form, add, _("已加入小组"))


@_post
def participant_remove(request, pk):
    member = Participant.objects.filter(pk=pk).first()
    if member is None:
        raise Http404
    case = _case_or_404(request, member.case_id)
    try:
        casework.remove_participant(scope_of(request), member)
    except CaseworkError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已移出小组"))
    return redirect("cases:case", case.pk)


@_post
def close(request, pk):
    return _case_step(
        request, pk, "close", CloseForm, "close",
        lambda scope, case, d: casework.close(scope, case, d["outcome"], d["note"]),
        _("个案已结案"),
    )  # fmt: skip


@_post
def reopen(request, pk):
    def reopen_case(scope, case, d):
        case = casework.reopen(scope, case, d["reason"])
        if case.overloaded:
            # A supervisor may overload the lead; they are told, so they can refer it on.
            messages.warning(
                request,
                _("%(name)s 的个案已超过上限（最多 %(capacity)s 个），请考虑转介给其他人。")
                % {"name": case.lead.name, "capacity": case.lead.capacity},
            )

    return _case_step(request, pk, "reopen", ReopenForm, "reopen", reopen_case, _("已重新开案"))
