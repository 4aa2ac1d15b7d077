"""Working a case: plan, notes, follow-ups, the small group, closing and reopening.

Every write asks `access.may_work` first, runs in one transaction with the case
row locked (so a double submit or two tabs make one record, and a close and a
note cannot cross), and leaves a CaseEvent saying what was done and by whom,
never what was said: notes stay in CaseNote, where access.visible_notes guards them.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.choices import Role
from linli.accounts.models import Membership
from linli.cases import access
from linli.cases.choices import (
    AssignmentStatus,
    CaseStatus,
    EventKind,
    NeedStatus,
    Outcome,
    Sensitivity,
)
from linli.cases.models import (
    Assignment,
    Case,
    CaseEvent,
    CaseNote,
    FollowUp,
    Need,
    Participant,
    Professional,
)
from linli.cases.schedule import new_dates

# The same note sent twice within this time is one note (a double tap, a resent form).
DUPLICATE_WINDOW = timedelta(minutes=5)


class CaseworkError(Exception):
    """A step that cannot be taken now, with the reason to show the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def may_open(scope, case) -> bool:
    """Who reaches the case page: its workers, and the professionals of its small group."""
    if access.may_work(scope, case):
        return True
    pro = access.professional(scope)
    return pro is not None and case.participants.filter(user=scope.user).exists()


def _locked(scope, case, open_only=True) -> Case:
    """The case row, locked for this transaction, after the permission check."""
    if not access.may_work(scope, case):
        raise PermissionDenied
    case = Case.objects.select_for_update().get(pk=case.pk)
    if open_only and case.status != CaseStatus.OPEN:
        raise CaseworkError(_("个案已结案，请先重新开案。"))
    return case


def _event(case, kind, user, detail=""):
    return CaseEvent.objects.create(
        need_id=case.need_id, kind=kind, actor=user, detail=detail[:200]
    )


def update_plan(scope, case, plan) -> Case:
    with transaction.atomic():
        case = _locked(scope, case)
        if case.plan != plan:
            case.plan = plan
            case.save(update_fields=["plan"])
            _event(case, EventKind.PLAN, scope.user)
    return case


def add_note(scope, case, text, sensitivity=Sensitivity.GENERAL) -> CaseNote:
    """A note may be added to a closed case too: what was learned after closing counts."""
    text = text.strip()
    if not text:
        raise CaseworkError(_("请填写记录内容。"))
    with transaction.atomic():
        case = _locked(scope, case, open_only=False)
        since = timezone.now() - DUPLICATE_WINDOW
        same = CaseNote.objects.filter(
            case=case, author=scope.user, text=text, sensitivity=sensitivity, created_at__gte=since
        ).first()
        if same:
            return same
        note = CaseNote.objects.create(
            case=case, author=scope.user, text=text, sensitivity=sensitivity
        )
        # The event says a note was written, not of which kind: that alone can say too much.
        _event(case, EventKind.NOTE, scope.user)
    return note


def schedule_follow_ups(scope, case, dates) -> list[FollowUp]:
    """Plan follow-ups on `dates`; a date already planned and not yet done is not added again."""
    with transaction.atomic():
        case = _locked(scope, case)
        planned = case.follow_ups.filter(done_at__isnull=True).values_list("due_on", flat=True)
        dates = new_dates(sorted(set(dates)), planned)
        if not dates:
            return []
        made = FollowUp.objects.bulk_create(FollowUp(case=case, due_on=d) for d in dates)
        _event(case, EventKind.SCHEDULED, scope.user, _span(dates))
    return made


def _span(dates) -> str:
    if len(dates) == 1:
        return f"{dates[0]:%m-%d}"
    return _("%(n)d 次，%(first)s 至 %(last)s") % {
        "n": len(dates),
        "first": f"{dates[0]:%m-%d}",
        "last": f"{dates[-1]:%m-%d}",
    }


def record_follow_up(scope, follow_up, summary) -> FollowUp:
    """Tick a follow-up off with a short summary; a second tick changes nothing."""
    summary = summary.strip()
    if not summary:
        raise CaseworkError(_("请简单写一下回访情况。"))
    with transaction.atomic():
        _locked(scope, follow_up.case)
        follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if follow_up.done_at:
            return follow_up
        follow_up.done_at, follow_up.done_by, follow_up.summary = (
            timezone.now(),
            scope.user,
            summary,
        )
        follow_up.save(update_fields=["done_at", "done_by", "summary"])
        _event(follow_up.case, EventKind.FOLLOWED_UP, scope.user, f"{follow_up.due_on:%m-%d}")
    return follow_up


def add_participant(scope, case, role, user=None, name="", phone="") -> Participant:
    """Add someone to the small group: an account (a colleague, a captain) or a name and
    phone (a temporary guardian, a relative). The same person is not added twice."""
    name, role = (name or (str(user) if user else "")).strip(), role.strip()
    if not name or not role:
        raise CaseworkError(_("请填写姓名和在小组中的角色。"))
    with transaction.atomic():
        case = _locked(scope, case)
        same = Q(user=user) if user else Q(user__isnull=True, name=name, phone=phone)
        existing = case.participants.filter(same).first()
        if existing:
            return existing
        member = Participant.objects.create(case=case, user=user, name=name, phone=phone, role=role)
        _event(case, EventKind.PARTICIPANT, scope.user, f"{name}（{role}）")
    return member


def remove_participant(scope, participant):
    with transaction.atomic():
        case = _locked(scope, participant.case)
        deleted, _rows = Participant.objects.filter(pk=participant.pk).delete()
        if deleted:
            _event(case, EventKind.LEFT, scope.user, f"{participant.name}（{participant.role}）")


def close(scope, case, outcome, note="") -> Case:
    """Close with an outcome (required); the need is done. Closing twice changes nothing."""
    if outcome not in Outcome.values:
        raise CaseworkError(_("结案前请选择结果。"))
    with transaction.atomic():
        # The need first, as assign.py locks it: a referral answered at this moment waits.
        Need.objects.select_for_update().filter(pk=case.need_id).first()
        case = _locked(scope, case, open_only=False)
        if case.status == CaseStatus.CLOSED:
            return case
        now = timezone.now()
        _lapse_referral(case, now)
        case.status, case.outcome, case.outcome_note = CaseStatus.CLOSED, outcome, note.strip()
        case.closed_at = now
        case.save(update_fields=["status", "outcome", "outcome_note", "closed_at"])
        case.need.status, case.need.closed_at = NeedStatus.CLOSED, now
        case.need.save(update_fields=["status", "closed_at"])
        _event(case, EventKind.CLOSED, scope.user, str(Outcome(outcome).label))
    return case


def _lapse_referral(case, now):
    """A referral still waiting for an answer lapses with the case; the lead keeps it."""
    lapsed = Assignment.objects.filter(need_id=case.need_id, status=AssignmentStatus.OFFERED)
    if lapsed.update(status=AssignmentStatus.DECLINED, responded_at=now, note=_("个案已结案")):
        own = Assignment.objects.filter(
            need_id=case.need_id, professional_id=case.lead_id, status=AssignmentStatus.REFERRED
        )
        own.filter(pk__in=own.values("pk")[:1]).update(status=AssignmentStatus.ACCEPTED)


def reopen(scope, case, reason) -> Case:
    """Reopen a closed case; the need is active again. The reason, and the last closing
    note, go into a general note: the event says only that it was reopened.

    The case comes back to its lead, so it counts against their capacity. A full lead
    cannot reopen it; a supervisor may (a resident back in crisis cannot wait, and a
    closed case cannot be referred), and the returned case's `overloaded` says so.
    """
    reason = reason.strip()
    if not reason:
        raise CaseworkError(_("请写明重新开案的原因。"))
    with transaction.atomic():
        # The need first, as close() and assign.py lock it, then the case.
        Need.objects.select_for_update().filter(pk=case.need_id).first()
        case = _locked(scope, case, open_only=False)
        case.overloaded = False
        if case.status == CaseStatus.OPEN:
            return case
        # The lead locked as accept() locks them: two reopens at once, or a reopen and an
        # acceptance, are counted one after the other and cannot both fit the last place.
        lead = Professional.objects.select_for_update().get(pk=case.lead_id)
        if Case.objects.open().filter(lead=lead).count() >= lead.capacity:
            if not access.supervises(scope, case.need):
                raise CaseworkError(
                    _(
                        "%(name)s 的个案已满（最多 %(capacity)s 个），不能重新开案。"
                        "请先办结一个个案，或请督导重新开案。"
                    )
                    % {"name": lead.name, "capacity": lead.capacity}
                )
            case.overloaded = True
        text = _("重新开案：%(reason)s") % {"reason": reason}
        if case.outcome_note:
            text += "\n" + _("上次结案（%(outcome)s）：%(note)s") % {
                "outcome": case.get_outcome_display(),
                "note": case.outcome_note,
            }
        CaseNote.objects.create(case=case, author=scope.user, text=text)
        case.status, case.outcome, case.outcome_note, case.closed_at = CaseStatus.OPEN, "", "", None
        case.save(update_fields=["status", "outcome", "outcome_note", "closed_at"])
        case.need.status, case.need.closed_at = NeedStatus.ACTIVE, None
        case.need.save(update_fields=["status", "closed_at"])
        _event(case, EventKind.REOPENED, scope.user)
    return case


def group_candidates(case):
    """Accounts that may join the small group: the professionals serving the need's
    community, its community staff and captains. Each as (user, name, role label)."""
    community = case.need.household.building.compound.community_id
    found = {}
    pros = Professional.objects.active().filter(communities=community).select_related("user")
    for pro in pros:
        found[pro.user_id] = (pro.user, pro.name, pro.get_profession_display())
    members = (
        Membership.objects.filter(community_id=community, role__in=(Role.STAFF, Role.CAPTAIN))
        .select_related("user")
        .order_by("role", "user__username")
    )
    for m in members:
        found.setdefault(m.user_id, (m.user, str(m.user), Role(m.role).label))
    present = set(case.participants.exclude(user=None).values_list("user_id", flat=True))
    return [c for uid, c in found.items() if uid not in present and uid != case.lead.user_id]
