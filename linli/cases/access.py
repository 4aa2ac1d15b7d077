"""Who sees and does what with needs and cases. Every cases view asks here.

The lines, each tested on both sides:
- A need's existence, category, priority and status: community staff of its
  community, supervisors (督导) serving its community, the professionals it was
  offered to, the captains and area leaders of its building, and whoever entered it.
- Its text and contact: the same, except captains and area leaders, who see them
  only for needs they entered themselves ("help is under way", not what was said).
  Professionals see them only with the resident's consent, or for a crisis (P1).
- Case notes: the lead professional and the supervisors of the community see all;
  a professional in the small group sees general notes and those of their own field
  (a doctor medical ones, a psychologist psychological ones). Nobody else: not
  staff, not captains, not volunteers, not the resident's household.
- Assigning, declining and referring: supervisors and community staff of the
  need's community. Working a case (plan, notes, follow-ups, closing, reopening):
  its lead and the supervisors.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value

from linli.accounts.choices import Role
from linli.cases.choices import AssignmentStatus, Priority, Profession, Sensitivity
from linli.cases.models import Assignment, CaseNote, Need, Participant, Professional

_LIVE_OFFER = (AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED)
# The note sensitivity each profession may read as a member of the small group.
_FIELD_OF = {
    Profession.DOCTOR: Sensitivity.MEDICAL,
    Profession.PSYCHOLOGIST: Sensitivity.PSYCHOLOGICAL,
}


def professional(scope) -> Professional | None:
    """The user's professional profile, read once per request."""
    if not scope.user.is_authenticated:
        return None
    if not hasattr(scope, "_cases_professional"):
        scope._cases_professional = (
            Professional.objects.filter(user=scope.user, active=True)
            .prefetch_related("communities")
            .first()
        )
    return scope._cases_professional


def staff_community_ids(scope) -> set[int]:
    return {m.community_id for m in scope.memberships if m.role == Role.STAFF}


def supervised_community_ids(scope) -> set[int]:
    pro = professional(scope)
    if pro is None or not pro.is_supervisor:
        return set()
    return {c.pk for c in pro.communities.all()}


def is_supervisor(scope) -> bool:
    return scope.is_superuser or bool(supervised_community_ids(scope))


def _community_q(ids, prefix="") -> Q:
    return Q(**{f"{prefix}household__building__compound__community_id__in": ids})


def visible_needs(scope, queryset=None):
    """The needs whose existence and status this user may see."""
    queryset = Need.objects.all() if queryset is None else queryset
    if scope.is_superuser:
        return queryset
    user = scope.user
    if not user.is_authenticated:
        return queryset.none()
    condition = Q(entered_by=user)
    wide = staff_community_ids(scope) | supervised_community_ids(scope)
    if wide:
        condition |= _community_q(wide)
    if scope.area_ids:
        condition |= Q(household__building__area_id__in=scope.area_ids)
    if scope.building_ids:
        condition |= Q(household__building_id__in=scope.building_ids)
    pro = professional(scope)
    if pro is not None:
        condition |= Q(assignments__professional=pro, assignments__status__in=_LIVE_OFFER) | Q(
            case__participants__user=user
        )
    return queryset.filter(condition).distinct()


def _community_of(need) -> int:
    return need.household.building.compound.community_id


def may_manage(scope, need) -> bool:
    """Assign, decline on behalf, refer, withdraw: supervisors and community staff."""
    if scope.is_superuser:
        return True
    community = _community_of(need)
    return community in staff_community_ids(scope) or community in supervised_community_ids(scope)


def text_readable(scope):
    """Whether this user may read a need's text and contact, as an SQL boolean on Need:
    the one statement of that line (`Need.objects.with_text_readable_by(scope)` applies
    it, `may_read_text` asks it of one need), so a list is judged in its own query."""
    if scope.is_superuser:
        return Value(True)
    user = scope.user
    if not user.is_authenticated:
        # Not `entered_by=None`: that would hand an anonymous caller every unsigned need.
        return Value(False)
    condition = Q(entered_by=user)
    managers = staff_community_ids(scope) | supervised_community_ids(scope)
    if managers:
        condition |= _community_q(managers)
    pro = professional(scope)
    if pro is not None:
        offered = Assignment.objects.filter(
            need=OuterRef("pk"), professional=pro, status__in=_LIVE_OFFER
        )
        in_group = Participant.objects.filter(case__need=OuterRef("pk"), user=user)
        shared = Q(consent=True) | Q(priority=Priority.P1)
        condition |= shared & (Exists(offered) | Exists(in_group))
    return ExpressionWrapper(condition, output_field=BooleanField())


def may_read_text(scope, need) -> bool:
    """The text rule asked of one need (a list asks `with_text_readable_by` instead)."""
    readable = (
        Need.objects.filter(pk=need.pk)
        .with_text_readable_by(scope)
        .values_list("text_readable", flat=True)
        .first()
    )
    return bool(readable)


def supervises(scope, need) -> bool:
    """A supervisor of the need's community (or a superuser): may overload a lead."""
    return scope.is_superuser or _community_of(need) in supervised_community_ids(scope)


def may_work(scope, case) -> bool:
    """Write the plan, notes and follow-ups; close and reopen."""
    if supervises(scope, case.need):
        return True
    pro = professional(scope)
    return pro is not None and case.lead_id == pro.pk


def visible_notes(scope, case):
    """The case's notes this user may read (none for most people)."""
    notes = CaseNote.objects.filter(case=case)
    if may_work(scope, case):
        return notes
    pro = professional(scope)
    if pro is None or not case.participants.filter(user=scope.user).exists():
        return notes.none()
    fields = {Sensitivity.GENERAL, _FIELD_OF.get(pro.profession, Sensitivity.GENERAL)}
    return notes.filter(sensitivity__in=fields)
