"""Offering a need to a professional, and what they answer: the one way it is done.

NEW → OFFERED (offer) → ACTIVE (accept: the case opens with them as lead), or
back to NEW (decline). A lead hands a case on with `refer`: their assignment
becomes REFERRED and the new professional gets an offer; the case's lead changes
when they accept, and the case keeps its notes. If they decline, the case stays
with the lead who referred it.

Each step locks the need's row first (select_for_update), so two supervisors
offering at once are seen one after the other and the second is told the need
is already offered; the one-open-offer constraint holds even where locks are
not real (SQLite). Every step writes a CaseEvent; the permission to take a step
is the views' to check (access.py), the rules of the states are here.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.audit.log import record
from linli.audit.models import Action
from linli.cases.choices import (
    AssignmentStatus,
    CaseStatus,
    EventKind,
    NeedStatus,
    Priority,
)
from linli.cases.models import Assignment, Case, CaseEvent, Need, Professional


class AssignRefused(Exception):
    """A step the rules do not allow. `code` is for machines and tests, the
    message for people, in the active language."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message

    def __str__(self):
        return self.message


def _locked_need(need_id) -> Need:
    return Need.objects.select_for_update().get(pk=need_id)


def _community_of(need) -> int:
    return need.household.building.compound.community_id


def _check_professional(need, professional):
    """Refuse a professional who cannot take this need now."""
    if (
        not professional.active
        or not professional.communities.filter(pk=_community_of(need)).exists()
    ):
        raise AssignRefused("not_serving", _("这位专业人员不服务这个社区，不能分派给他/她。"))
    if Case.objects.filter(lead=professional, status=CaseStatus.OPEN).count() >= (
        professional.capacity
    ):
        raise AssignRefused(
            "full",
            _("%(name)s 的个案已满（最多 %(capacity)s 个），请选择其他人。")
            % {"name": professional.name, "capacity": professional.capacity},
        )
    # A non-crisis need the resident did not agree to share stays with community staff.
    if not need.consent and need.priority != Priority.P1:
        raise AssignRefused(
            "no_consent",
            _("居民没有同意转给专业人员，非紧急需求请由社区工作人员跟进。"),
        )


def _create_offer(need, professional, by, reason, kind, detail) -> Assignment:
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                need=need, professional=professional, assigned_by=by, reason=reason[:200]
            )
    except IntegrityError:
        raise AssignRefused("already_offered", _("这个需求刚刚已经分派给别人了。")) from None
    CaseEvent.objects.create(need=need, kind=kind, actor=by, detail=detail[:200])
    if not need.consent:
        # Shared without the resident's consent because it is a crisis: on their trail.
        record(
            Action.UPDATE,
            need,
            changes={"offered_to": professional.name, "consent": False, "priority": "P1"},
            user=by,
            description=f"{need} → {professional.name}",
        )
    return assignment


def offer(need, professional, by, reason="") -> Assignment:
    """Offer a NEW need to one professional."""
    with transaction.atomic():
        need = _locked_need(need.pk)
        if need.status != NeedStatus.NEW:
            raise AssignRefused(
                "not_new", _("这个需求现在不是待分派状态（可能刚被别人分派），请刷新页面。")
            )
        _check_professional(need, professional)
        assignment = _create_offer(
            need, professional, by, reason, EventKind.OFFERED, professional.name
        )
        need.status = NeedStatus.OFFERED
        need.save(update_fields=["status"])
    return assignment


def _locked_offer(assignment) -> tuple[Assignment, Need]:
    need = _locked_need(assignment.need_id)
    assignment = Assignment.objects.select_related("professional").get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.OFFERED:
        raise AssignRefused("not_offered", _("这个分派已经处理过了。"))
    return assignment, need


def accept(assignment, by) -> Case:
    """The offered professional takes it: the case opens (or changes lead)."""
    with transaction.atomic():
        assignment, need = _locked_offer(assignment)
        # Locked too, so two acceptances at once cannot both squeeze under capacity.
        pro = Professional.objects.select_for_update().get(pk=assignment.professional_id)
        if pro.user_id != by.pk:
            raise AssignRefused("not_yours", _("只有被分派的专业人员本人可以接受。"))
        if Case.objects.filter(lead=pro, status=CaseStatus.OPEN).count() >= pro.capacity:
            raise AssignRefused("full", _("您的个案已满，不能再接新的个案。"))
        now = timezone.now()
        assignment.status, assignment.responded_at = AssignmentStatus.ACCEPTED, now
        assignment.save(update_fields=["status", "responded_at"])
        case = Case.objects.filter(need=need).first()
        if case is None:
            case = Case.objects.create(need=need, lead=pro, opened_at=now)
        else:
            case.lead = pro
            case.save(update_fields=["lead"])
        need.status = NeedStatus.ACTIVE if case.status == CaseStatus.OPEN else need.status
        need.first_response_at = need.first_response_at or now
        need.save(update_fields=["status", "first_response_at"])
        CaseEvent.objects.create(need=need, kind=EventKind.ACCEPTED, actor=by, detail=pro.name)
    return case


def decline(assignment, by, note) -> Assignment:
    """Say no to an offer, with the reason. The need goes back to NEW, or a
    referred case back to the lead who referred it."""
    note = (note or "").strip()
    if not note:
        raise AssignRefused("note_required", _("请写明不能接案的原因。"))
    with transaction.atomic():
        assignment, need = _locked_offer(assignment)
        assignment.status = AssignmentStatus.DECLINED
        assignment.responded_at, assignment.note = timezone.now(), note[:200]
        assignment.save(update_fields=["status", "responded_at", "note"])
        case = Case.objects.filter(need=need).first()
        if case is None:
            need.status = NeedStatus.NEW
            need.save(update_fields=["status"])
        else:
            need.assignments.filter(pk__in=_last_referred(need, case.lead_id)).update(
                status=AssignmentStatus.ACCEPTED
            )
        CaseEvent.objects.create(
            need=need, kind=EventKind.DECLINED, actor=by, detail=assignment.professional.name
        )
    return assignment


def _last_referred(need, professional_id):
    """The lead's own assignment, set aside when they referred the case on."""
    return need.assignments.filter(
        professional_id=professional_id, status=AssignmentStatus.REFERRED
    ).values("pk")[:1]


def live_assignment(need) -> Assignment | None:
    """The need's offer waiting for an answer, or else its accepted assignment."""
    live = [
        a
        for a in need.assignments.all()
        if a.status in (AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED)
    ]
    live.sort(key=lambda a: a.status != AssignmentStatus.OFFERED)
    return live[0] if live else None


def refer(case_or_assignment, to_professional, by, note) -> Assignment:
    """Hand on: the current assignment becomes REFERRED and `to_professional`
    gets an offer. A case keeps its lead until they accept. (A Need itself is
    taken too: its live assignment is the one handed on.)"""
    note = (note or "").strip()
    if not note:
        raise AssignRefused("note_required", _("请写明转介的原因。"))
    if isinstance(case_or_assignment, Need):
        need_id = case_or_assignment.pk
    else:
        need_id = case_or_assignment.need_id
    with transaction.atomic():
        need = _locked_need(need_id)
        current = (
            need.assignments.filter(
                status__in=(AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED)
            )
            .select_related("professional")
            .first()
        )
        if current is None or need.status not in (NeedStatus.OFFERED, NeedStatus.ACTIVE):
            raise AssignRefused("not_referable", _("这个需求现在没有可以转介的分派。"))
        if current.status == AssignmentStatus.OFFERED and Case.objects.filter(need=need).exists():
            raise AssignRefused("referral_pending", _("已经转介，正在等待对方接受。"))
        if current.professional_id == to_professional.pk:
            raise AssignRefused("same_professional", _("不能转介给同一个人。"))
        _check_professional(need, to_professional)
        current.status, current.note = AssignmentStatus.REFERRED, note[:200]
        current.responded_at = current.responded_at or timezone.now()
        current.save(update_fields=["status", "note", "responded_at"])
        detail = f"{current.professional.name} → {to_professional.name}"
        # The need stays OFFERED, or ACTIVE with its case led as before until they accept.
        return _create_offer(need, to_professional, by, note, EventKind.REFERRED, detail)
