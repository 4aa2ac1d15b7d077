"""The casework service: each step checks who works the case, records an event that
never carries what was said, and a repeated step makes no second record."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from linli.accounts.scope import Scope
from linli.cases import casework
from linli.cases.casework import CaseworkError
from linli.cases.choices import CaseStatus, EventKind, NeedStatus, Outcome, Sensitivity
from linli.cases.models import CaseEvent, CaseNote, FollowUp
from linli.cases.schedule import follow_up_dates
from tests.cases.case_factory import open_case


@pytest.fixture
def case(world, people):
    return open_case(world, people)


def lead(people):
    return Scope(people.social_worker.user)


def kinds(case):
    return list(CaseEvent.objects.filter(need=case.need).values_list("kind", flat=True))


def test_closing_needs_an_outcome(case, people):
    with pytest.raises(CaseworkError):
        casework.close(lead(people), case, "", "没什么")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.need.status == NeedStatus.ACTIVE


def test_closing_closes_the_need_and_says_the_outcome_not_the_note(case, people):
    casework.close(lead(people), case, Outcome.RESOLVED, "居民说已经好多了，谢谢")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.need.status) == (
        CaseStatus.CLOSED,
        Outcome.RESOLVED,
        NeedStatus.CLOSED,
    )
    assert case.closed_at and case.need.closed_at
    event = CaseEvent.objects.get(need=case.need, kind=EventKind.CLOSED)
    assert event.detail == str(Outcome.RESOLVED.label)
    assert "好多了" not in event.detail


def test_closing_twice_writes_one_closing(case, people):
    casework.close(lead(people), case, Outcome.RESOLVED)
    casework.close(lead(people), case, Outcome.HOSPITAL)
    case.refresh_from_db()
    assert case.outcome == Outcome.RESOLVED
    assert kinds(case).count(EventKind.CLOSED) == 1


def test_reopening_makes_the_need_active_and_keeps_the_reason_in_a_note(case, people):
    casework.close(lead(people), case, Outcome.STABLE, "情绪稳定")
    with pytest.raises(CaseworkError):
        casework.reopen(lead(people), case, "  ")
    casework.reopen(lead(people), case, "居民又打来电话，说晚上还是睡不着")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_at) == (CaseStatus.OPEN, "", None)
    assert (case.need.status, case.need.closed_at) == (NeedStatus.ACTIVE, None)
    note = CaseNote.objects.get(case=case)
    assert "睡不着" in note.text and "情绪稳定" in note.text
    assert note.sensitivity == Sensitivity.GENERAL
    reopened = CaseEvent.objects.get(need=case.need, kind=EventKind.REOPENED)
    assert reopened.detail == ""


def test_a_reopened_case_closes_again_with_a_new_outcome(case, people):
    casework.close(lead(people), case, Outcome.STABLE)
    casework.reopen(lead(people), case, "又有需要")
    with pytest.raises(CaseworkError):
        casework.close(lead(people), case, "")
    casework.close(lead(people), case, Outcome.REFERRED_OUT)
    case.refresh_from_db()
    assert case.outcome == Outcome.REFERRED_OUT


def test_a_closed_case_takes_notes_but_no_plan_or_follow_ups(case, people):
    casework.close(lead(people), case, Outcome.RESOLVED)
    casework.add_note(lead(people), case, "结案后居民发来感谢")
    with pytest.raises(CaseworkError):
        casework.update_plan(lead(people), case, "每周回访")
    with pytest.raises(CaseworkError):
        casework.schedule_follow_ups(lead(people), case, [timezone.localdate()])


def test_a_note_event_carries_no_content_and_a_double_submit_is_one_note(case, people):
    for _ in range(2):
        casework.add_note(lead(people), case, "她说想死", Sensitivity.PSYCHOLOGICAL)
    assert CaseNote.objects.filter(case=case).count() == 1
    events = CaseEvent.objects.filter(need=case.need, kind=EventKind.NOTE)
    assert [e.detail for e in events] == [""]


def test_an_empty_note_is_refused(case, people):
    with pytest.raises(CaseworkError):
        casework.add_note(lead(people), case, "   ")


def test_a_schedule_every_two_days_until_a_date_makes_one_follow_up_a_date(case, people):
    first = timezone.localdate()
    dates = follow_up_dates(first, 2, first + timedelta(days=6))
    made = casework.schedule_follow_ups(lead(people), case, dates)
    assert [f.due_on for f in made] == [first + timedelta(days=d) for d in (0, 2, 4, 6)]
    # The same plan sent again adds nothing; an overlapping one adds only the new dates.
    assert casework.schedule_follow_ups(lead(people), case, dates) == []
    more = casework.schedule_follow_ups(
        lead(people), case, [first + timedelta(days=6), first + timedelta(days=7)]
    )
    assert [f.due_on for f in more] == [first + timedelta(days=7)]
    assert kinds(case).count(EventKind.SCHEDULED) == 2


def test_recording_a_follow_up_needs_a_summary_and_counts_once(case, people):
    [follow_up] = casework.schedule_follow_ups(lead(people), case, [timezone.localdate()])
    with pytest.raises(CaseworkError):
        casework.record_follow_up(lead(people), follow_up, " ")
    casework.record_follow_up(lead(people), follow_up, "电话打通，情况稳定")
    casework.record_follow_up(lead(people), follow_up, "第二次提交")
    follow_up.refresh_from_db()
    assert (
        follow_up.summary == "电话打通，情况稳定" and follow_up.done_by == people.social_worker.user
    )
    assert kinds(case).count(EventKind.FOLLOWED_UP) == 1
    assert FollowUp.objects.due().count() == 0


def test_a_temporary_guardian_joins_and_leaves_the_small_group(case, people):
    guardian = casework.add_participant(
        lead(people), case, "临时监护人", name="李阿姨", phone="13800000011"
    )
    again = casework.add_participant(
        lead(people), case, "临时监护人", name="李阿姨", phone="13800000011"
    )
    assert again.pk == guardian.pk and case.participants.count() == 1
    casework.remove_participant(lead(people), guardian)
    assert case.participants.count() == 0
    details = list(
        CaseEvent.objects.filter(need=case.need, kind__in=[EventKind.PARTICIPANT, EventKind.LEFT])
        .order_by("id")
        .values_list("kind", "detail")
    )
    assert details == [
        (EventKind.PARTICIPANT, "李阿姨（临时监护人）"),
        (EventKind.LEFT, "李阿姨（临时监护人）"),
    ]
    assert not any("13800000011" in d for _k, d in details)


def test_a_colleague_account_joins_once(case, people):
    user = people.psychologist.user
    casework.add_participant(lead(people), case, "心理咨询师", user=user)
    casework.add_participant(lead(people), case, "心理咨询师", user=user)
    assert case.participants.filter(user=user).count() == 1


def test_the_group_candidates_are_the_communitys_professionals_staff_and_captains(
    case, people, world
):
    names = {user.username for user, _name, _role in casework.group_candidates(case)}
    assert {"psy", "doc", "dudao", "futingting", "captain3", "captain5"} <= names
    assert "sw" not in names  # the lead is in the group already
    assert not names & {"psy_other", "other_staff", "huangbin", "vol"}


@pytest.mark.parametrize("who", ["psychologist", "doctor", "outsider"])
def test_only_the_lead_and_supervisors_work_a_case(case, people, who):
    scope = Scope(getattr(people, who).user)
    casework.add_participant(lead(people), case, "心理咨询师", user=people.psychologist.user)
    steps = [
        lambda: casework.update_plan(scope, case, "计划"),
        lambda: casework.add_note(scope, case, "记录"),
        lambda: casework.schedule_follow_ups(scope, case, [timezone.localdate()]),
        lambda: casework.add_participant(scope, case, "家属", name="黄某", phone="13800000012"),
        lambda: casework.close(scope, case, Outcome.RESOLVED),
    ]
    for step in steps:
        with pytest.raises(PermissionDenied):
            step()
    assert CaseNote.objects.filter(case=case).count() == 0


@pytest.mark.parametrize("who", ["staff", "captain3"])
def test_staff_and_captains_do_not_work_a_case(case, world, who):
    with pytest.raises(PermissionDenied):
        casework.add_note(Scope(world.users[who]), case, "记录")


def test_the_supervisor_works_a_case_of_their_community(case, people):
    scope = Scope(people.supervisor.user)
    casework.update_plan(scope, case, "每两天电话回访")
    casework.close(scope, case, Outcome.STABLE)
    case.refresh_from_db()
    assert case.plan == "每两天电话回访" and case.status == CaseStatus.CLOSED


def test_an_unchanged_plan_writes_no_event(case, people):
    casework.update_plan(lead(people), case, "每周一次")
    casework.update_plan(lead(people), case, "每周一次")
    assert kinds(case).count(EventKind.PLAN) == 1


def test_every_step_leaves_an_event(case, people):
    scope = lead(people)
    casework.update_plan(scope, case, "计划")
    casework.add_note(scope, case, "记录")
    [fu] = casework.schedule_follow_ups(scope, case, [date.today() + timedelta(days=1)])
    casework.record_follow_up(scope, fu, "好")
    member = casework.add_participant(scope, case, "家属", name="黄某", phone="13800000012")
    casework.remove_participant(scope, member)
    casework.close(scope, case, Outcome.RESOLVED)
    casework.reopen(scope, case, "再看看")
    assert set(kinds(case)) >= {
        EventKind.PLAN,
        EventKind.NOTE,
        EventKind.SCHEDULED,
        EventKind.FOLLOWED_UP,
        EventKind.PARTICIPANT,
        EventKind.LEFT,
        EventKind.CLOSED,
        EventKind.REOPENED,
    }
