"""A case on 黄彬's household (building 3) for the casework tests.

`open_case(world, people)`: the need (not consented, P3 unless told), the accepted
offer to its lead (the social worker unless told), the case, and, with
`small_group=True`, the psychologist and the doctor in its small group and one
note of each sensitivity, each with a text that a test can look for in a page.
"""

from django.utils import timezone

from linli.cases.choices import (
    AssignmentStatus,
    CaseStatus,
    Category,
    Channel,
    EventKind,
    NeedStatus,
    Priority,
    Sensitivity,
)
from linli.cases.models import Assignment, Case, CaseEvent, CaseNote, Need, Participant

NEED_TEXT = "我最近总是睡不着，心里很难受"
NOTES = {
    Sensitivity.GENERAL: "一般记录：已电话联系，约好明天再打",
    Sensitivity.MEDICAL: "医疗记录：服用舍曲林50mg",
    Sensitivity.PSYCHOLOGICAL: "心理记录：谈到丈夫去世后的内疚",
}


def make_need(world, household=None, **fields):
    fields = {
        "category": Category.PSYCH,
        "channel": Channel.PHONE,
        "text": NEED_TEXT,
        "contact_name": "黄彬",
        "contact_phone": "13900000003",
        "priority": Priority.P3,
        "entered_by": world.users["staff"],
        **fields,
    }
    need = Need(household=household or world.household3, resident=world.huangbin, **fields)
    need.set_priority(need.priority, need.crisis, need.reasons)
    need.save()
    return need


def open_case(world, people, lead=None, small_group=False, **need_fields):
    lead = lead or people.social_worker
    need = make_need(world, **need_fields)
    Assignment.objects.create(
        need=need, professional=lead, status=AssignmentStatus.ACCEPTED,
        assigned_by=people.supervisor.user, responded_at=timezone.now(),
    )  # fmt: skip
    need.status, need.first_response_at = NeedStatus.ACTIVE, timezone.now()
    need.save()
    case = Case.objects.create(need=need, lead=lead, status=CaseStatus.OPEN)
    CaseEvent.objects.create(need=need, kind=EventKind.ACCEPTED, actor=lead.user)
    if small_group:
        for pro in (people.psychologist, people.doctor):
            Participant.objects.create(
                case=case, user=pro.user, name=pro.name, role=pro.get_profession_display()
            )
        for sensitivity, text in NOTES.items():
            CaseNote.objects.create(case=case, author=lead.user, sensitivity=sensitivity, text=text)
    return case
