"""The need page's assignment panel, offering, answering and the 待我接受 list:
both sides of every line."""

import pytest
import time_machine
from django.urls import reverse

from linli.cases.choices import AssignmentStatus, Category, NeedStatus, Priority
from linli.cases.models import Assignment, Case, Need
from tests.cases.helpers_assign import make_need

MORNING = "2020-02-10 02:00:00+00:00"  # 10:00 in Wuhan: the fixtures are on duty


@pytest.fixture
def need(world):
    return make_need(
        world.household3, Category.PSYCH, Priority.P1, crisis=True, text="我不想活了",
        reasons=[{"code": "suicidal_thoughts", "text": "想死"}],
    )  # fmt: skip


def page(client, user, need):
    client.force_login(user)
    return client.get(reverse("cases:need", args=[need.pk]))


def post_offer(client, user, need, pro, reason=""):
    client.force_login(user)
    return client.post(
        reverse("cases:need_offer", args=[need.pk]), {"professional": pro.pk, "reason": reason}
    )


def offered(need, pro, by):
    Need.objects.filter(pk=need.pk).update(status=NeedStatus.OFFERED)
    return Assignment.objects.create(need=need, professional=pro, assigned_by=by)


def entered_by(need, user):
    Need.objects.filter(pk=need.pk).update(entered_by=user)


@time_machine.travel(MORNING, tick=False)
def test_staff_see_three_suggestions_with_reasons_and_a_button_each(client, world, people, need):
    html = page(client, world.users["staff"], need).content.decode()
    assert html.count("分派给") == 3
    assert "专长：危机干预、情绪疏导、哀伤辅导；目前 0/8 个案；正在值班" in html
    assert html.index(people.psychologist.name) < html.index(people.supervisor.name)
    assert people.outsider.name not in html


def test_a_captain_sees_no_assignment_panel(client, world, people, need):
    entered_by(need, world.users["captain3"])
    html = page(client, world.users["captain3"], need).content.decode()
    assert 'id="need-assign-h"' not in html


def test_staff_offer_a_suggested_professional(client, world, people, need):
    response = post_offer(client, world.users["staff"], need, people.psychologist, "专长：危机干预")
    assert response.status_code == 302
    assignment = Assignment.objects.get(need=need)
    assert assignment.professional == people.psychologist
    assert assignment.reason == "专长：危机干预"
    html = page(client, world.users["staff"], need).content.decode()
    assert "已分派给 心理咨询师王老师（心理咨询师），等待接受" in html
    assert 'name="reason"' not in html  # no more suggestions


def test_a_supervisor_may_offer(client, world, people, need):
    post_offer(client, people.supervisor.user, need, people.doctor)
    assert Assignment.objects.get(need=need).professional == people.doctor


def test_a_captain_cannot_offer(client, world, people, need):
    entered_by(need, world.users["captain3"])
    response = post_offer(client, world.users["captain3"], need, people.psychologist)
    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_staff_of_the_other_community_get_a_404(client, world, people, need):
    assert page(client, world.users["other_staff"], need).status_code == 404
    response = post_offer(client, world.users["other_staff"], need, people.outsider)
    assert response.status_code == 404
    assert not Assignment.objects.exists()


def test_the_outsider_cannot_be_offered_even_by_posting_their_id(client, world, people, need):
    response = post_offer(client, world.users["staff"], need, people.outsider)
    assert response.status_code == 302
    assert not Assignment.objects.exists()
    html = client.get(response.url).content.decode()
    assert "不服务这个社区" in html


def test_a_second_offer_is_refused_with_a_message(client, world, people, need):
    post_offer(client, world.users["staff"], need, people.psychologist)
    response = post_offer(client, people.supervisor.user, need, people.doctor)
    assert Assignment.objects.filter(need=need).count() == 1
    assert "不是待分派状态" in client.get(response.url).content.decode()


def test_the_offered_professional_sees_accept_and_decline(client, world, people, need):
    offered(need, people.psychologist, world.users["staff"])
    html = page(client, world.users["psychologist"], need).content.decode()
    assert "这个需求分派给了您" in html and "接受" in html and "不能接的原因" in html


def test_only_the_offered_professional_accepts(client, world, people, need):
    offered(need, people.psychologist, world.users["staff"])
    assignment = Assignment.objects.get()
    url = reverse("cases:offer_accept", args=[assignment.pk])
    client.force_login(world.users["doctor"])
    assert client.post(url).status_code == 404
    client.force_login(world.users["staff"])
    client.post(url)
    assert not Case.objects.exists()
    client.force_login(world.users["psychologist"])
    response = client.post(url)
    case = Case.objects.get()
    assert response.url == reverse("cases:case", args=[case.pk])
    assert case.lead == people.psychologist


def test_a_declined_professional_no_longer_sees_the_need(client, world, people, need):
    offered(need, people.psychologist, world.users["staff"])
    assignment = Assignment.objects.get()
    client.force_login(world.users["psychologist"])
    response = client.post(reverse("cases:offer_decline", args=[assignment.pk]), {"note": "在医院"})
    assert response.url == reverse("cases:offers")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED
    assert page(client, world.users["psychologist"], need).status_code == 404


def test_declining_without_a_reason_is_refused(client, world, people, need):
    offered(need, people.psychologist, world.users["staff"])
    assignment = Assignment.objects.get()
    client.force_login(world.users["psychologist"])
    response = client.post(reverse("cases:offer_decline", args=[assignment.pk]), {"note": ""})
    assert "请写明不能接案的原因" in client.get(response.url).content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.OFFERED


def test_staff_see_who_declined_and_why(client, world, people, need):
    offered(need, people.psychologist, world.users["staff"])
    client.force_login(world.users["psychologist"])
    assignment = Assignment.objects.get()
    client.post(reverse("cases:offer_decline", args=[assignment.pk]), {"note": "在医院"})
    html = page(client, world.users["staff"], need).content.decode()
    assert "拒绝记录" in html and "在医院" in html


def test_the_offers_list_shows_my_offers_only(client, world, people, need):
    other = make_need(world.household5, Category.MEDICAL, Priority.P3)
    offered(need, people.psychologist, world.users["staff"])
    offered(other, people.doctor, world.users["staff"])
    client.force_login(world.users["psychologist"])
    html = client.get(reverse("cases:offers")).content.decode()
    assert reverse("cases:need", args=[need.pk]) in html
    assert reverse("cases:need", args=[other.pk]) not in html


def test_the_offers_list_is_for_professionals_only(client, world, people):
    client.force_login(world.users["captain3"])
    assert client.get(reverse("cases:offers")).status_code == 404


def test_a_non_consented_need_shows_no_suggestions(client, world, people):
    need = make_need(world.household3, Category.PSYCH, Priority.P3, consent=False)
    html = page(client, world.users["staff"], need).content.decode()
    assert "居民没有同意转给专业人员" in html and "分派给" not in html


def test_the_lead_refers_the_case_and_a_captain_cannot(client, world, people, need):
    offered(need, people.psychologist, world.users["staff"])
    client.force_login(world.users["psychologist"])
    client.post(reverse("cases:offer_accept", args=[Assignment.objects.get().pk]))
    url = reverse("cases:need_refer", args=[need.pk])
    entered_by(need, world.users["captain3"])
    client.force_login(world.users["captain3"])
    assert client.post(url, {"professional": people.doctor.pk, "note": "x"}).status_code == 403
    client.force_login(world.users["psychologist"])
    html = page(client, world.users["psychologist"], need).content.decode()
    assert "转介给其他专业人员" in html
    client.post(url, {"professional": people.doctor.pk, "note": "需要看病"})
    assert Assignment.objects.get(status=AssignmentStatus.OFFERED).professional == people.doctor
