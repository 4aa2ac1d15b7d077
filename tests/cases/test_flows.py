"""Flows of the story: a care flag raises an urgent need; a chronic patient's medicine
need links to the household's order in the open medicine round."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.cases.choices import Category, Channel, Priority
from linli.cases.models import Assignment, CaseEvent, Need
from linli.community.choices import Tag
from linli.community.models import Resident, ResidentTag
from linli.groupbuy.choices import Channel as OrderChannel
from linli.groupbuy.choices import RoundKind, RoundState
from linli.groupbuy.models import Order, Round
from linli.health.choices import Destination, TransferStage
from linli.health.models import CareFlag, Transfer
from tests.cases.need_helpers import make_need, page


def _transfer(resident, by):
    transfer = Transfer.request(resident, by)
    transfer.advance(TransferStage.ARRANGED, by)
    transfer.advance(TransferStage.TRANSFERRED, by, Destination.HOSPITAL, "金银潭医院")
    return transfer


def _child(world, year_offset=8):
    year = timezone.localdate().year - year_offset
    return Resident.objects.create(household=world.household3, name="黄小宝", birth_year=year)


def test_a_child_left_alone_raises_one_urgent_child_care_need(world):
    _child(world)
    _transfer(world.huangbin, world.users["staff"])
    flag = CareFlag.objects.get()
    need = Need.objects.get()
    assert need.household == world.household3 and need.source_key == f"careflag:{flag.pk}"
    assert need.priority == Priority.P1 and need.crisis and need.consent
    assert need.category == Category.CHILD_CARE and need.channel == Channel.FLOW
    assert "黄小宝（8岁）" in need.text and "黄彬" in need.text and "临时监护人" in need.text
    assert need.reasons[0]["code"] == "left_alone"
    assert CaseEvent.objects.filter(need=need, kind="opened").exists()


def test_refreshing_the_same_flag_raises_no_second_need(world):
    _child(world)
    _transfer(world.huangbin, world.users["staff"])
    CareFlag.refresh(world.household3)
    flag = CareFlag.objects.get()
    flag.save()  # a later save of the same flag is no new flag
    assert Need.objects.count() == 1


def test_a_dependent_elder_left_alone_raises_an_elder_care_need(world):
    elder = Resident.objects.create(household=world.household3, name="黄奶奶", birth_year=1938)
    ResidentTag.objects.create(resident=elder, tag=Tag.ELDERLY_70)
    _transfer(world.huangbin, world.users["staff"])
    assert Need.objects.get().category == Category.ELDER_CARE


def test_no_flag_no_need(world):
    _child(world)
    Resident.objects.create(household=world.household3, name="李梅", birth_year=1982)
    _transfer(world.huangbin, world.users["staff"])
    assert not Need.objects.exists()


def test_staff_and_the_supervisor_see_the_flow_need_on_their_list(world, people, client):
    _child(world)
    _transfer(world.huangbin, world.users["staff"])
    need = Need.objects.get()
    client.force_login(people.supervisor.user)
    assert reverse("cases:need", args=[need.pk]) in page(client.get(reverse("cases:needs")))


# --- the medicine round --------------------------------------------------------------


@pytest.fixture
def medicine_round(world):
    now = timezone.now()
    return Round.objects.create(
        community=world.community, title="2月慢病药品", kind=RoundKind.MEDICINE,
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1),
    )  # fmt: skip


@pytest.fixture
def chronic(world):
    return ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)


def _detail(client, user, need):
    client.force_login(user)
    return page(client.get(reverse("cases:need", args=[need.pk])))


def test_a_chronic_patients_medicine_need_links_to_the_households_medicine_order(
    world, client, chronic, medicine_round
):
    Order.objects.create(round=medicine_round, household=world.household3,
                         channel=OrderChannel.PROXY)  # fmt: skip
    need = make_need(world.household3, category=Category.MEDICINE)
    html = _detail(client, world.users["staff"], need)
    assert reverse("groupbuy:medicine", args=[medicine_round.pk]) in html
    assert "已在药品团购“2月慢病药品”中下单" in html


def test_the_offered_doctor_sees_the_round_is_open_without_an_order(
    world, people, client, chronic, medicine_round
):
    need = make_need(world.household3, category=Category.MEDICINE)
    Assignment.objects.create(need=need, professional=people.doctor)
    html = _detail(client, world.users["doctor"], need)
    assert "正在接单，这一户还没有下单" in html
    assert reverse("groupbuy:medicine", args=[medicine_round.pk]) in html


def test_a_closed_round_or_another_category_or_no_patient_shows_no_link(
    world, client, medicine_round
):
    need = make_need(world.household3, category=Category.MEDICINE)
    url = reverse("groupbuy:medicine", args=[medicine_round.pk])
    assert url not in _detail(client, world.users["staff"], need)  # no chronic patient
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    assert url in _detail(client, world.users["staff"], need)
    supplies = make_need(world.household3, category=Category.SUPPLIES)
    assert url not in _detail(client, world.users["staff"], supplies)
    Round.objects.filter(pk=medicine_round.pk).update(state=RoundState.CLOSED)
    html = _detail(client, world.users["staff"], need)
    assert url not in html and "现在没有正在接单的药品团购" in html


def test_someone_who_cannot_open_the_medicine_round_gets_no_link(
    world, people, client, chronic, medicine_round
):
    need = make_need(world.household3, category=Category.MEDICINE)
    html = _detail(client, people.supervisor.user, need)
    assert "药品团购" in html
    assert reverse("groupbuy:medicine", args=[medicine_round.pk]) not in html
