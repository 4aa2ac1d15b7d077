"""The case page's forms and the professional's list, as the lead uses them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.accounts.scope import Scope
from linli.cases import casework
from linli.cases.choices import AssignmentStatus, CaseStatus, EventKind, NeedStatus, Sensitivity
from linli.cases.models import Assignment, CaseEvent, CaseNote, FollowUp, Participant
from linli.front.views import home_kind
from tests.cases.case_factory import make_need, open_case


@pytest.fixture
def case(world, people):
    return open_case(world, people)


@pytest.fixture
def lead_client(client, people):
    client.force_login(people.social_worker.user)
    return client


def url(name, *args):
    return reverse(f"cases:{name}", args=args)


def test_the_lead_writes_a_psychological_note(lead_client, case):
    response = lead_client.post(
        url("case_note", case.pk),
        {"note-text": "谈到失眠和内疚", "note-sensitivity": Sensitivity.PSYCHOLOGICAL},
    )
    assert response.status_code == 302
    note = CaseNote.objects.get(case=case)
    assert (note.text, note.sensitivity) == ("谈到失眠和内疚", Sensitivity.PSYCHOLOGICAL)
    page = lead_client.get(url("case", case.pk)).text
    assert "谈到失眠和内疚" in page and 'class="badge psychological"' in page


def test_an_empty_note_is_refused_with_a_message(lead_client, case):
    response = lead_client.post(
        url("case_note", case.pk), {"note-text": " ", "note-sensitivity": "general"}
    )
    assert response.status_code == 400
    assert "请填写记录内容" in response.text


def test_a_schedule_every_two_days_is_planned_and_listed(lead_client, case):
    today = timezone.localdate()
    response = lead_client.post(
        url("case_schedule", case.pk),
        {
            "fu-first": today.isoformat(),
            "fu-every": "2",
            "fu-until": (today + timedelta(days=4)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert [f.due_on for f in FollowUp.objects.filter(case=case)] == [
        today, today + timedelta(days=2), today + timedelta(days=4)
    ]  # fmt: skip


def test_a_bad_schedule_says_why_and_keeps_what_was_typed(lead_client, case):
    today = timezone.localdate()
    response = lead_client.post(
        url("case_schedule", case.pk),
        {"fu-first": today.isoformat(), "fu-every": "3", "fu-until": ""},
    )
    assert response.status_code == 400
    assert "请填写截止日期" in response.text
    assert 'name="fu-every" value="3"' in response.text
    assert '<details class="card" open><summary>安排回访' in response.text
    assert not FollowUp.objects.exists()


def test_a_follow_up_is_ticked_off_with_a_summary(lead_client, case, people):
    [follow_up] = casework.schedule_follow_ups(
        Scope(people.social_worker.user), case, [timezone.localdate()]
    )
    field = f"done{follow_up.pk}-summary"
    response = lead_client.post(url("case_follow_up_done", follow_up.pk), {field: ""})
    assert response.status_code == 400 and "请简单写一下回访情况" in response.text
    response = lead_client.post(
        url("case_follow_up_done", follow_up.pk), {field: "电话打通，情绪平稳"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_at and follow_up.summary == "电话打通，情绪平稳"


def test_a_temporary_guardian_needs_a_phone_and_a_role(lead_client, case):
    add = url("case_participant_add", case.pk)
    response = lead_client.post(add, {"group-name": "李阿姨"})
    assert response.status_code == 400
    assert (
        "请留一个能联系到的电话" in response.text and "请填写这个人在小组中的角色" in response.text
    )
    assert 'value="李阿姨"' in response.text
    response = lead_client.post(
        add, {"group-name": "李阿姨", "group-phone": "138 0000 0011", "group-role": "临时监护人"}
    )
    assert response.status_code == 302
    member = Participant.objects.get(case=case)
    assert (member.name, member.phone, member.role) == ("李阿姨", "13800000011", "临时监护人")


def test_a_colleague_is_chosen_from_the_community_and_joins_in_their_role(
    lead_client, case, people
):
    response = lead_client.post(
        url("case_participant_add", case.pk), {"group-user": people.psychologist.user.pk}
    )
    assert response.status_code == 302
    member = Participant.objects.get(case=case)
    assert (member.user, member.name, member.role) == (
        people.psychologist.user,
        "心理咨询师王老师",
        "心理咨询师",
    )


def test_a_professional_of_another_community_cannot_be_chosen(lead_client, case, people):
    response = lead_client.post(
        url("case_participant_add", case.pk), {"group-user": people.outsider.user.pk}
    )
    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_a_member_is_removed_from_the_small_group(lead_client, case, people):
    member = casework.add_participant(
        Scope(people.social_worker.user), case, "家属", name="黄某", phone="13800000012"
    )
    assert lead_client.post(url("case_participant_remove", member.pk)).status_code == 302
    assert not Participant.objects.exists()


def test_closing_without_an_outcome_is_refused_and_with_one_closes_the_need(lead_client, case):
    response = lead_client.post(url("case_close", case.pk), {"close-note": "好多了"})
    assert response.status_code == 400
    assert "结案前请选择结果" in response.text and "好多了" in response.text
    response = lead_client.post(
        url("case_close", case.pk), {"close-outcome": "stable", "close-note": "好多了"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.need.status == NeedStatus.CLOSED
    page = lead_client.get(url("case", case.pk)).text
    assert "重新开案" in page and "确认结案" not in page


def test_reopening_asks_for_a_reason(lead_client, case, people):
    casework.close(Scope(people.social_worker.user), case, "resolved")
    response = lead_client.post(url("case_reopen", case.pk), {"reopen-reason": ""})
    assert response.status_code == 400 and "请写明重新开案的原因" in response.text
    response = lead_client.post(url("case_reopen", case.pk), {"reopen-reason": "又来电话"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.need.status == NeedStatus.ACTIVE
    assert CaseEvent.objects.filter(need=case.need, kind=EventKind.REOPENED).exists()


def test_a_reader_in_the_small_group_sees_no_forms(client, case, people):
    Participant.objects.create(case=case, user=people.doctor.user, name="张医生", role="医生")
    client.force_login(people.doctor.user)
    page = client.get(url("case", case.pk)).text
    assert url("case_note", case.pk) not in page and url("case_close", case.pk) not in page


def test_the_timeline_merges_events_notes_and_follow_ups(lead_client, case, people):
    scope = Scope(people.social_worker.user)
    casework.add_note(scope, case, "第一次电话")
    [follow_up] = casework.schedule_follow_ups(scope, case, [timezone.localdate()])
    casework.record_follow_up(scope, follow_up, "已回访，情况稳定")
    timeline = lead_client.get(url("case", case.pk)).context["timeline"]
    kinds = [t["kind"] for t in timeline]
    assert kinds.count("note") == 1 and kinds.count("follow_up") == 1
    events = [t["item"].kind for t in timeline if t["kind"] == "event"]
    assert EventKind.NOTE not in events and EventKind.SCHEDULED in events
    assert timeline == sorted(timeline, key=lambda t: t["at"], reverse=True)


def test_the_case_page_reads_in_a_fixed_number_of_queries(
    lead_client, case, people, django_assert_max_num_queries
):
    scope = Scope(people.social_worker.user)
    for i in range(5):
        casework.add_note(scope, case, f"记录{i}")
        casework.add_participant(scope, case, "家属", name=f"家属{i}", phone=f"1380000001{i}")
    casework.schedule_follow_ups(
        scope, case, [timezone.localdate() + timedelta(days=i) for i in range(5)]
    )
    with django_assert_max_num_queries(20):
        assert lead_client.get(url("case", case.pk)).status_code == 200


# The professional's list.


def test_my_cases_put_the_overdue_follow_up_first(lead_client, world, people):
    scope = Scope(people.social_worker.user)
    later = open_case(world, people)
    overdue = open_case(world, people, household=world.household5)
    unplanned = open_case(world, people)
    today = timezone.localdate()
    casework.schedule_follow_ups(scope, later, [today + timedelta(days=3)])
    casework.schedule_follow_ups(scope, overdue, [today])
    FollowUp.objects.filter(case=overdue).update(due_on=today - timedelta(days=2))
    response = lead_client.get(reverse("cases:mine"))
    assert [c.pk for c in response.context["lead"]] == [overdue.pk, later.pk, unplanned.pk]
    assert "回访已过期" in response.text


def test_closed_cases_are_folded_away(lead_client, case, people):
    casework.close(Scope(people.social_worker.user), case, "resolved")
    response = lead_client.get(reverse("cases:mine"))
    assert list(response.context["lead"]) == []
    assert [c.pk for c in response.context["closed"]] == [case.pk]
    assert '<details class="card closed-list">' in response.text


def test_a_supervisor_sees_the_open_cases_of_their_communities(client, world, people, case):
    client.force_login(people.supervisor.user)
    response = client.get(reverse("cases:mine"))
    assert [c.pk for c in response.context["watched"]] == [case.pk]
    client.force_login(people.psychologist.user)
    assert list(client.get(reverse("cases:mine")).context["watched"]) == []


def test_offers_waiting_are_counted(client, world, people):
    need = make_need(world)
    Assignment.objects.create(need=need, professional=people.psychologist)
    declined = make_need(world)
    Assignment.objects.create(
        need=declined, professional=people.psychologist, status=AssignmentStatus.DECLINED
    )
    client.force_login(people.psychologist.user)
    response = client.get(reverse("cases:mine"))
    assert response.context["offers"] == 1
    assert "1 个新分派等您接案" in response.text


def test_a_professional_starts_on_their_cases(client, world, people):
    assert home_kind(Scope(people.doctor.user)) == "cases"
    client.force_login(people.doctor.user)
    response = client.get(reverse("front:home"))
    assert response.status_code == 302 and response.url == reverse("cases:mine")


def test_a_doctor_without_a_profile_keeps_the_waiting_page(world, people):
    people.doctor.delete()
    assert home_kind(Scope(world.users["doctor"])) == "waiting"


def test_the_case_list_reads_in_the_same_number_of_queries_for_one_case_or_many(
    client, world, people
):
    client.force_login(people.supervisor.user)
    counts = []
    for _ in range(2):
        open_case(world, people)
        open_case(world, people, lead=people.psychologist, household=world.household5)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("cases:mine")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
