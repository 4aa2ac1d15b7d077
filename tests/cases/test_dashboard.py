"""The supervisor dashboard: who sees it, what each panel counts, and a query count
that does not grow with the number of needs and cases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.cases.choices import AssignmentStatus, NeedStatus, Priority
from linli.cases.models import Assignment, FollowUp, Need
from tests.cases.case_factory import NOTES, make_need, open_case
from tests.cases.need_helpers import page

pytestmark = pytest.mark.django_db
URL = reverse("cases:dashboard")


def late_need(world, **fields):
    """A P1 need that came in two hours ago with nobody responding: overdue."""
    need = make_need(world, priority=Priority.P1, created_at=timezone.now() - timedelta(hours=2))
    Need.objects.filter(pk=need.pk).update(**fields)
    return need


def test_a_supervisor_sees_the_dashboard_and_their_home_links_to_it(client, world, people):
    client.force_login(people.supervisor.user)
    assert client.get(URL).status_code == 200
    assert URL in page(client.get(reverse("cases:mine")))


def test_community_staff_see_the_dashboard_and_the_overview_links_to_it(client, world, people):
    client.force_login(world.users["staff"])
    assert client.get(URL).status_code == 200
    assert URL in page(client.get(reverse("front:home")))


@pytest.mark.parametrize(
    "who", ["captain3", "resident", "psychologist", "volunteer", "gatekeeper", "viewer"]
)
def test_captains_residents_professionals_and_volunteers_get_no_dashboard(
    client, world, people, who
):
    client.force_login(world.users[who])
    assert client.get(URL).status_code == 404


def test_a_professional_who_is_not_a_supervisor_has_no_dashboard_link(client, world, people):
    client.force_login(people.psychologist.user)
    assert URL not in page(client.get(reverse("cases:mine")))


def test_staff_of_another_community_see_their_own_dashboard_without_this_communitys_needs(
    client, world, people
):
    late_need(world)
    make_need(world, household=world.other_household, priority=Priority.P2)
    client.force_login(world.users["other_staff"])
    response = client.get(URL)
    assert response.context["counts"]["total"] == 1 and not response.context["overdue"]
    assert people.psychologist.pk not in {p.pk for p in response.context["professionals"]}
    client.force_login(people.supervisor.user)
    assert client.get(URL).context["counts"]["total"] == 1


def test_open_needs_are_counted_by_priority_with_links_to_the_filtered_list(client, world, people):
    for priority in (Priority.P1, Priority.P2, Priority.P2, Priority.P4):
        make_need(world, priority=priority)
    make_need(world, priority=Priority.P2, status=NeedStatus.CLOSED)
    client.force_login(people.supervisor.user)
    response = client.get(URL)
    assert response.context["counts"]["total"] == 4
    assert [n for _p, _label, n in response.context["priorities"]] == [1, 2, 0, 1]
    assert f"{reverse('cases:needs')}?priority=2" in page(response)


def test_overdue_needs_come_first_in_red_with_the_longest_wait(client, world, people):
    late = late_need(world)
    make_need(world, priority=Priority.P3)  # in time
    client.force_login(people.supervisor.user)
    response = client.get(URL)
    body = page(response)
    assert [n.pk for n in response.context["overdue"]] == [late.pk]
    assert body.index("超时未响应") < body.index("未办结的求助")
    assert 'class="card dash-alert"' in body and reverse("cases:need", args=[late.pk]) in body
    assert response.context["longest_wait_hm"][0] == 2


def test_a_need_with_a_first_response_is_not_overdue(client, world, people):
    late_need(world, first_response_at=timezone.now())
    client.force_login(people.supervisor.user)
    response = client.get(URL)
    assert response.context["counts"]["overdue"] == 0 and not response.context["overdue"]
    assert "没有超时未响应的求助" in page(response)


def test_escalated_needs_are_listed_with_whether_anyone_has_responded(client, world, people):
    late_need(world, escalated_at=timezone.now())
    make_need(world, priority=Priority.P3)
    client.force_login(people.supervisor.user)
    response = client.get(URL)
    assert response.context["counts"]["escalated"] == 1
    assert "仍未响应" in page(response)


def test_care_flag_needs_have_their_own_panel(client, world, people):
    flagged = make_need(world, source_key="careflag:7")
    make_need(world)
    client.force_login(people.supervisor.user)
    response = client.get(URL)
    assert [n.pk for n in response.context["care_flags"]] == [flagged.pk]


def test_follow_ups_due_today_or_overdue_are_listed_and_done_or_later_ones_are_not(
    client, world, people
):
    case = open_case(world, people)
    today = timezone.localdate()
    due = FollowUp.objects.create(case=case, due_on=today)
    missed = FollowUp.objects.create(case=case, due_on=today - timedelta(days=2))
    FollowUp.objects.create(case=case, due_on=today + timedelta(days=1))
    FollowUp.objects.create(case=case, due_on=today, done_at=timezone.now())
    client.force_login(people.supervisor.user)
    response = client.get(URL)
    assert [f.pk for f in response.context["follow_ups"]] == [missed.pk, due.pk]
    assert "已过期" in page(response)


def test_each_professionals_load_offers_waiting_and_duty_are_shown(client, world, people):
    open_case(world, people, lead=people.psychologist)
    people.psychologist.capacity = 1
    people.psychologist.save()
    Assignment.objects.create(
        need=make_need(world), professional=people.doctor, status=AssignmentStatus.OFFERED
    )
    client.force_login(people.supervisor.user)
    response = client.get(URL)
    loads = {p.pk: p for p in response.context["professionals"]}
    assert people.outsider.pk not in loads  # serves the other community only
    psychologist = loads[people.psychologist.pk]
    assert (psychologist.open_cases, psychologist.level, psychologist.offers) == (1, "full", 0)
    assert response.context["professionals"][0] == psychologist  # the fullest first
    assert (loads[people.doctor.pk].open_cases, loads[people.doctor.pk].offers) == (0, 1)
    assert "1 个分派待接" in page(response) and "已满" in page(response)


def test_the_median_time_to_first_response_counts_the_last_week_and_all_time(client, world, people):
    now = timezone.now()
    for hours_ago, took in ((1, 10), (2, 30), (24 * 10, 600)):
        created = now - timedelta(hours=hours_ago)
        need = make_need(world, created_at=created)
        Need.objects.filter(pk=need.pk).update(first_response_at=created + timedelta(minutes=took))
    client.force_login(people.supervisor.user)
    response = client.get(URL)
    assert (response.context["week"].count, response.context["week"].median_minutes) == (2, 20)
    assert response.context["overall"].median_minutes == 30
    assert "20 分钟" in page(response) and "30 分钟" in page(response)


def test_the_dashboard_never_shows_a_needs_text_nor_a_note(client, world, people):
    open_case(world, people, small_group=True)
    late_need(world)
    client.force_login(world.users["staff"])
    body = page(client.get(URL))
    assert "睡不着" not in body and not any(text in body for text in NOTES.values())


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_needs_cases_and_follow_ups(client, world, people):
    client.force_login(people.supervisor.user)

    def add(n):
        for i in range(n):
            case = open_case(world, people, lead=[people.psychologist, people.doctor][i % 2])
            FollowUp.objects.create(case=case, due_on=timezone.localdate())
            late_need(world, escalated_at=timezone.now(), source_key=f"careflag:{case.pk}")

    add(1)
    few = _queries(client)
    add(12)
    assert _queries(client) == few
