"""The need list and a need's page: who sees a need at all, and who reads what was said."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.audit.models import AuditEntry
from linli.cases.choices import AssignmentStatus, NeedStatus, Priority
from linli.cases.models import Assignment, Need
from tests.cases.need_helpers import make_need, page

LIST = reverse("cases:needs")
SECRET = "老伴发烧三天了，家里没人知道怎么办"


def detail(need):
    return reverse("cases:need", args=[need.pk])


@pytest.fixture
def need3(world):
    return make_need(world.household3, text=SECRET, entered_by=world.users["staff"])


@pytest.fixture
def need5(world):
    return make_need(world.household5, text="需要买菜", category="supplies")


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


# --- who sees a need -----------------------------------------------------------------


def test_staff_see_their_communitys_needs_in_the_list(world, client, need3, need5):
    html = page(_get(client, world.users["staff"], LIST))
    assert detail(need3) in html and detail(need5) in html


def test_staff_of_another_community_get_404_and_an_empty_list(world, client, need3):
    assert _get(client, world.users["other_staff"], detail(need3)).status_code == 404
    assert detail(need3) not in page(client.get(LIST))


def test_a_captain_of_building_5_cannot_see_building_3s_needs(world, client, need3, need5):
    html = page(_get(client, world.users["captain5"], LIST))
    assert detail(need5) in html and detail(need3) not in html
    assert client.get(detail(need3)).status_code == 404


def test_a_resident_of_another_household_gets_404(world, client, need3):
    assert _get(client, world.users["resident5"], detail(need3)).status_code == 404


@pytest.mark.parametrize("who", ["volunteer", "property", "gatekeeper", "nobody"])
def test_people_with_no_part_in_needs_get_404_on_the_list(world, client, who):
    assert _get(client, world.users[who], LIST).status_code == 404


def test_a_professional_sees_a_need_only_once_it_is_offered_to_them(world, people, client, need3):
    psychologist = world.users["psychologist"]
    assert _get(client, psychologist, detail(need3)).status_code == 404
    assert detail(need3) not in page(client.get(LIST))
    Assignment.objects.create(need=need3, professional=people.psychologist)
    assert client.get(detail(need3)).status_code == 200
    assert detail(need3) in page(client.get(LIST))


def test_a_declined_offer_hides_the_need_again(world, people, client, need3):
    Assignment.objects.create(
        need=need3, professional=people.psychologist, status=AssignmentStatus.DECLINED
    )
    assert _get(client, world.users["psychologist"], detail(need3)).status_code == 404


def test_a_professional_of_another_community_gets_404(world, people, client, need3):
    assert _get(client, people.outsider.user, detail(need3)).status_code == 404


# --- who reads what was said ---------------------------------------------------------


def test_staff_read_the_text_contact_reasons_and_timeline(world, client, need3):
    html = page(_get(client, world.users["staff"], detail(need3)))
    assert SECRET in html and "经过" in html and "立案" in html


def test_reading_a_needs_text_is_on_the_audit_trail(world, people, client, need3):
    views = AuditEntry.objects.filter(action="view_health", object_id=str(need3.pk))
    _get(client, world.users["area_leader"], detail(need3))  # sees the status, not the text
    _get(client, world.users["staff"], detail(need3))  # wrote it down
    assert not views.exists()
    _get(client, people.supervisor.user, detail(need3))
    assert list(views.values_list("user", flat=True)) == [people.supervisor.user_id]


def test_a_captain_sees_the_status_but_not_the_text(world, client, need3):
    need3.status = NeedStatus.ACTIVE
    need3.save()
    html = page(_get(client, world.users["captain3"], detail(need3)))
    assert "已有专业人员跟进" in html
    assert SECRET not in html and "13900000003" not in html and "经过" not in html


def test_a_captain_reads_the_text_of_a_need_they_entered(world, client):
    need = make_need(world.household3, text=SECRET, entered_by=world.users["captain3"])
    assert SECRET in page(_get(client, world.users["captain3"], detail(need)))


def test_an_offered_professional_reads_the_text_only_with_consent_or_a_crisis(
    world, people, client, need3
):
    Assignment.objects.create(need=need3, professional=people.doctor)
    assert SECRET not in page(_get(client, world.users["doctor"], detail(need3)))
    need3.consent = True
    need3.save()
    assert SECRET in page(client.get(detail(need3)))


def test_a_crisis_is_readable_by_the_offered_professional_without_consent(world, people, client):
    need = make_need(world.household3, text="她说活着没意思，不想活了", category="psych")
    assert need.priority == Priority.P1 and not need.consent
    Assignment.objects.create(need=need, professional=people.psychologist)
    assert "不想活了" in page(_get(client, world.users["psychologist"], detail(need)))


def test_the_page_includes_the_assignment_and_case_panels(world, client, need3):
    response = _get(client, world.users["staff"], detail(need3))
    names = [t.name for t in response.templates]
    assert "cases/_need_assign.html" in names and "cases/_need_case.html" in names


# --- the list's order and marks ------------------------------------------------------


def test_the_list_is_sorted_by_priority_then_deadline(world, client):
    late_p3 = make_need(world.household3, text="买菜")
    urgent = make_need(world.household5, text="我爸呼吸困难，喘不上气")
    assert urgent.priority == Priority.P1
    early_p3 = make_need(world.household5, text="买菜")
    Need.objects.filter(pk=early_p3.pk).update(due_at=late_p3.due_at - timedelta(hours=1))
    html = page(_get(client, world.users["staff"], LIST))
    positions = [html.index(detail(n)) for n in (urgent, early_p3, late_p3)]
    assert positions == sorted(positions)


def test_overdue_needs_are_marked_and_can_be_filtered(world, client, need3, need5):
    Need.objects.filter(pk=need3.pk).update(due_at=timezone.now() - timedelta(minutes=5))
    html = page(_get(client, world.users["staff"], LIST))
    assert "已超时" in html
    only = page(client.get(LIST, {"overdue": "1"}))
    assert detail(need3) in only and detail(need5) not in only


def test_the_list_filters_by_status_and_priority(world, client, need3, need5):
    Need.objects.filter(pk=need5.pk).update(status=NeedStatus.CLOSED)
    client.force_login(world.users["staff"])
    assert detail(need5) not in page(client.get(LIST))
    assert detail(need5) in page(client.get(LIST, {"status": "closed"}))
    p = str(need3.priority)
    assert detail(need3) in page(client.get(LIST, {"priority": p, "status": "all"}))
    other = "1" if p != "1" else "4"
    assert detail(need3) not in page(client.get(LIST, {"priority": other, "status": "all"}))
