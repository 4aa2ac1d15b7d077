"""Staff handling a need without a case (handling.py): 已联系, 办结, 重新打开, 撤回.
Each step on both sides of its permission line, and a double submit makes one event."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.cases import handling
from linli.cases.assign import offer
from linli.cases.choices import AssignmentStatus, EventKind, NeedStatus, Outcome
from linli.cases.models import Assignment, CaseEvent, Need
from tests.cases.case_factory import make_need, open_case
from tests.cases.need_helpers import page

pytestmark = pytest.mark.django_db


def _post(client, user, name, need, **data):
    client.force_login(user)
    return client.post(reverse(f"cases:{name}", args=[need.pk]), data)


def _events(need, kind):
    return CaseEvent.objects.filter(need=need, kind=kind)


def _overdue(world, **fields):
    need = make_need(world, **fields)
    Need.objects.filter(pk=need.pk).update(due_at=timezone.now() - timedelta(minutes=5))
    need.refresh_from_db()
    return need


# --- 已联系 -------------------------------------------------------------------------------


def test_staff_mark_a_need_responded_with_a_note(client, world):
    need = make_need(world)
    response = _post(
        client, world.users["staff"], "need_responded", need, note="已电话联系，明天送药"
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.first_response_at is not None and need.status == NeedStatus.NEW
    event = _events(need, EventKind.RESPONDED).get()
    assert event.actor == world.users["staff"] and event.detail == "已电话联系，明天送药"


def test_an_overdue_need_marked_responded_is_no_longer_overdue_nor_escalated(client, world):
    need = _overdue(world)
    assert need.is_overdue()
    _post(client, world.users["staff"], "need_responded", need, note="已上门看过")
    need.refresh_from_db()
    assert not need.is_overdue()
    assert not Need.objects.overdue().filter(pk=need.pk).exists()
    assert Need.objects.escalate_overdue() == 0
    assert not _events(need, EventKind.ESCALATED).exists()


def test_an_overdue_need_not_marked_still_escalates(world):
    _overdue(world)
    assert Need.objects.escalate_overdue() == 1


def test_marking_responded_twice_writes_one_event_and_keeps_the_first_time(client, world):
    need = make_need(world)
    staff = world.users["staff"]
    _post(client, staff, "need_responded", need, note="已联系")
    first = Need.objects.get(pk=need.pk).first_response_at
    _post(client, staff, "need_responded", need, note="已联系")
    assert _events(need, EventKind.RESPONDED).count() == 1
    assert Need.objects.get(pk=need.pk).first_response_at == first


def test_the_note_is_required_and_what_was_typed_for_the_outcome_is_kept(client, world):
    need = make_need(world)
    response = _post(client, world.users["staff"], "need_responded", need, note="  ")
    assert response.status_code == 400 and "请简单写一下做了什么" in page(response)
    assert Need.objects.get(pk=need.pk).first_response_at is None
    response = _post(client, world.users["staff"], "need_close", need, outcome="", note="已解决")
    assert response.status_code == 400 and "已解决</textarea>" in page(response)


def test_the_note_is_cut_to_the_events_length(world):
    need, changed = handling.mark_responded(make_need(world), world.users["staff"], "联" * 300)
    assert changed and len(_events(need, EventKind.RESPONDED).get().detail) == 200


def test_a_supervisor_marks_responded(client, world, people):
    need = make_need(world)
    _post(client, people.supervisor.user, "need_responded", need, note="已联系")
    assert Need.objects.get(pk=need.pk).first_response_at is not None


def test_a_captain_cannot_mark_responded_or_close(client, world):
    need = make_need(world)
    captain = world.users["captain3"]
    assert _post(client, captain, "need_responded", need, note="已联系").status_code == 403
    response = _post(client, captain, "need_close", need, outcome=Outcome.RESOLVED, note="好了")
    assert response.status_code == 403
    need.refresh_from_db()
    assert need.first_response_at is None and need.status == NeedStatus.NEW
    assert not CaseEvent.objects.filter(need=need).exclude(kind=EventKind.OPENED).exists()


def test_a_captain_does_not_see_the_staff_steps_on_the_page(client, world):
    need = make_need(world)
    client.force_login(world.users["captain3"])
    body = page(client.get(reverse("cases:need", args=[need.pk])))
    assert reverse("cases:need_responded", args=[need.pk]) not in body
    client.force_login(world.users["staff"])
    body = page(client.get(reverse("cases:need", args=[need.pk])))
    assert reverse("cases:need_responded", args=[need.pk]) in body
    assert reverse("cases:need_close", args=[need.pk]) in body


@pytest.mark.parametrize("name", ["need_responded", "need_close", "need_reopen", "need_withdraw"])
def test_staff_of_another_community_get_404(client, world, name):
    need = make_need(world)
    data = {"note": "x", "outcome": Outcome.RESOLVED}
    assert _post(client, world.users["other_staff"], name, need, **data).status_code == 404
    assert Need.objects.get(pk=need.pk).status == NeedStatus.NEW


# --- 办结 and 重新打开 ---------------------------------------------------------------------


def test_staff_close_a_need_without_a_case_and_reopen_it(client, world):
    need = make_need(world)
    staff = world.users["staff"]
    _post(client, staff, "need_close", need, outcome=Outcome.RESOLVED, note="药已送到")
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED and need.closed_at is not None
    assert _events(need, EventKind.CLOSED).get().detail == "问题已解决：药已送到"
    assert not Need.objects.open().filter(pk=need.pk).exists()
    _post(client, staff, "need_reopen", need, note="又打电话来了")
    need.refresh_from_db()
    assert need.status == NeedStatus.NEW and need.closed_at is None
    assert _events(need, EventKind.REOPENED).get().detail == "又打电话来了"


def test_closing_needs_an_outcome(world):
    with pytest.raises(handling.HandlingRefused) as refused:
        handling.close(make_need(world), world.users["staff"], "", "好了")
    assert refused.value.code == "outcome_required"


def test_closing_or_reopening_twice_writes_one_event(client, world):
    need = make_need(world)
    staff = world.users["staff"]
    for _ in range(2):
        _post(client, staff, "need_close", need, outcome=Outcome.STABLE, note="稳定")
    assert _events(need, EventKind.CLOSED).count() == 1
    for _ in range(2):
        _post(client, staff, "need_reopen", need, note="再看看")
    assert _events(need, EventKind.REOPENED).count() == 1


def test_a_need_declined_by_a_professional_can_be_closed_by_staff(world, people):
    need = make_need(world, consent=True)
    assignment = offer(need, people.psychologist, by=people.supervisor.user)
    with pytest.raises(handling.HandlingRefused) as refused:
        handling.close(need, world.users["staff"], Outcome.RESOLVED, "好了")
    assert refused.value.code == "offered"
    from linli.cases.assign import decline

    decline(assignment, people.psychologist.user, "排不开")
    need, changed = handling.close(need, world.users["staff"], Outcome.RESOLVED, "社区已解决")
    assert changed and need.status == NeedStatus.CLOSED


def test_a_need_with_an_open_case_cannot_be_closed_here(client, world, people):
    case = open_case(world, people)
    response = _post(
        client, world.users["staff"], "need_close", case.need, outcome=Outcome.RESOLVED, note="好"
    )
    assert response.status_code == 400 and "请在个案页面结案" in page(response)
    assert Need.objects.get(pk=case.need_id).status == NeedStatus.ACTIVE


def test_a_need_whose_case_closed_is_reopened_through_its_case_only(world, people):
    case = open_case(world, people)
    Need.objects.filter(pk=case.need_id).update(status=NeedStatus.CLOSED)
    with pytest.raises(handling.HandlingRefused) as refused:
        handling.reopen(case.need, world.users["staff"], "再看看")
    assert refused.value.code == "has_case"


def test_a_captain_cannot_reopen(client, world):
    need = make_need(world, status=NeedStatus.CLOSED)
    assert _post(client, world.users["captain3"], "need_reopen", need, note="x").status_code == 403


# --- 撤回 ---------------------------------------------------------------------------------


def test_the_resident_withdraws_their_own_need(client, world):
    resident = world.users["resident"]
    need = make_need(world, entered_by=resident)
    client.force_login(resident)
    assert reverse("cases:need_withdraw", args=[need.pk]) in page(
        client.get(reverse("cases:need", args=[need.pk]))
    )
    _post(client, resident, "need_withdraw", need, note="家里人买到药了")
    need.refresh_from_db()
    assert need.status == NeedStatus.WITHDRAWN
    assert _events(need, EventKind.WITHDRAWN).get().actor == resident


def test_a_resident_cannot_withdraw_another_households_need(client, world):
    need = make_need(world, household=world.household5, entered_by=world.users["resident5"])
    response = _post(client, world.users["resident"], "need_withdraw", need, note="不要了")
    assert response.status_code == 404
    assert Need.objects.get(pk=need.pk).status == NeedStatus.NEW


def test_a_captain_withdraws_a_need_they_entered_but_not_one_staff_entered(client, world):
    captain = world.users["captain3"]
    own = make_need(world, entered_by=captain)
    _post(client, captain, "need_withdraw", own, note="居民说不用了")
    assert Need.objects.get(pk=own.pk).status == NeedStatus.WITHDRAWN
    staffs = make_need(world)
    assert _post(client, captain, "need_withdraw", staffs, note="不用了").status_code == 403
    assert Need.objects.get(pk=staffs.pk).status == NeedStatus.NEW


def test_withdrawing_ends_a_live_offer(client, world, people):
    need = make_need(world, consent=True)
    assignment = offer(need, people.psychologist, by=people.supervisor.user)
    _post(client, world.users["staff"], "need_withdraw", need, note="居民不需要了")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED and assignment.note == "需求已撤回"
    assert Need.objects.get(pk=need.pk).status == NeedStatus.WITHDRAWN
    assert not Assignment.objects.filter(status=AssignmentStatus.OFFERED).exists()


def test_a_need_with_an_open_case_is_not_withdrawn(client, world, people):
    case = open_case(world, people)
    response = _post(client, world.users["staff"], "need_withdraw", case.need, note="不要了")
    assert response.status_code == 400 and "请由负责的专业人员结案" in page(response)
    assert Need.objects.get(pk=case.need_id).status == NeedStatus.ACTIVE


def test_withdrawing_twice_writes_one_event_and_a_closed_need_is_not_withdrawn(client, world):
    need = make_need(world)
    staff = world.users["staff"]
    for _ in range(2):
        _post(client, staff, "need_withdraw", need, note="不需要了")
    assert _events(need, EventKind.WITHDRAWN).count() == 1
    closed = make_need(world, status=NeedStatus.CLOSED)
    with pytest.raises(handling.HandlingRefused):
        handling.withdraw(closed, staff, "不需要了")


def test_the_reason_is_required_to_withdraw(world):
    with pytest.raises(handling.HandlingRefused) as refused:
        handling.withdraw(make_need(world), world.users["staff"], " ")
    assert refused.value.code == "note_required"


def test_closed_and_withdrawn_needs_leave_the_open_list_and_the_dashboard(client, world):
    closed, withdrawn, waiting = make_need(world), make_need(world), _overdue(world)
    staff = world.users["staff"]
    handling.close(closed, staff, Outcome.RESOLVED, "好了")
    handling.withdraw(withdrawn, staff, "不要了")
    client.force_login(staff)
    listed = client.get(reverse("cases:needs")).context["page"].object_list
    assert [n.pk for n in listed] == [waiting.pk]
    counts = client.get(reverse("cases:dashboard")).context["counts"]
    assert counts["total"] == 1 and counts["overdue"] == 1
    handling.mark_responded(waiting, staff, "已联系")
    context = client.get(reverse("cases:dashboard")).context
    assert context["counts"]["overdue"] == 0 and context["overall"].count == 1
