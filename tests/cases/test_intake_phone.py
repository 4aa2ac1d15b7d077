"""Phone intake (电话代办): staff, area leaders and captains, for the households they look after."""

import pytest
from django.urls import reverse

from linli.cases.choices import Channel
from linli.cases.models import Need
from tests.cases.need_helpers import page, token_of

PICK = reverse("cases:need_phone")


def form_url(household):
    return reverse("cases:need_phone_form", args=[household.pk])


def _data(token, **fields):
    base = {
        "token": token,
        "category": "elder_care",
        "text": "老人一个人在家，腿脚不便，想请人帮忙买菜",
        "contact_name": "黄彬",
        "contact_phone": "13900000003",
    }
    return base | fields


def test_a_captain_finds_a_household_of_their_building_by_room(world, client):
    client.force_login(world.users["captain3"])
    html = page(client.get(PICK, {"q": "201"}))
    assert form_url(world.household3) in html


def test_a_captain_does_not_find_another_buildings_household(world, client):
    client.force_login(world.users["captain3"])
    html = page(client.get(PICK, {"q": "101"}))
    assert form_url(world.household5) not in html and "不在您的范围内" in html


def test_a_captain_cannot_open_the_form_for_another_building(world, client):
    client.force_login(world.users["captain3"])
    assert client.get(form_url(world.household5)).status_code == 404
    token = token_of(client.get(form_url(world.household3)))
    assert client.post(form_url(world.household5), _data(token)).status_code == 404
    assert not Need.objects.exists()


@pytest.mark.parametrize("who", ["resident", "psychologist", "volunteer", "property"])
def test_people_who_do_not_take_needs_get_404(world, client, who):
    client.force_login(world.users[who])
    assert client.get(PICK).status_code == 404
    assert client.get(form_url(world.household3)).status_code == 404


def test_staff_of_another_community_get_404_on_the_form(world, client):
    client.force_login(world.users["other_staff"])
    assert client.get(form_url(world.household3)).status_code == 404


@pytest.mark.parametrize("who", ["staff", "area_leader", "captain3"])
def test_a_need_taken_by_phone_records_who_entered_it(world, client, who):
    user = world.users[who]
    client.force_login(user)
    token = token_of(client.get(form_url(world.household3)))
    data = _data(token, consent="on", resident=world.huangbin.pk)
    response = client.post(form_url(world.household3), data)
    need = Need.objects.get()
    assert response.url == reverse("cases:need", args=[need.pk])
    assert need.channel == Channel.PHONE and need.entered_by == user
    assert need.consent is True and need.resident == world.huangbin
    assert need.household == world.household3 and need.category == "elder_care"


def test_the_form_prefills_the_households_contact(world, client):
    client.force_login(world.users["staff"])
    html = page(client.get(form_url(world.household3)))
    assert 'value="黄彬"' in html and 'value="13900000003"' in html
    assert "居民同意转给专业人员" in html


def test_a_resident_of_another_household_cannot_be_chosen(world, client):
    client.force_login(world.users["staff"])
    token = token_of(client.get(form_url(world.household3)))
    response = client.post(form_url(world.household3), _data(token, resident=world.resident5.pk))
    assert response.status_code == 400 and not Need.objects.exists()


def test_errors_keep_what_was_typed(world, client):
    client.force_login(world.users["staff"])
    token = token_of(client.get(form_url(world.household3)))
    response = client.post(form_url(world.household3), _data(token, category="", contact_phone="1"))
    html = page(response)
    assert response.status_code == 400
    assert "老人一个人在家，腿脚不便" in html and "请选一个类别" in html and 'value="1"' in html
    assert not Need.objects.exists()


def test_a_double_tapped_submit_creates_one_need(world, client):
    client.force_login(world.users["captain3"])
    token = token_of(client.get(form_url(world.household3)))
    first = client.post(form_url(world.household3), _data(token))
    second = client.post(form_url(world.household3), _data(token))
    assert Need.objects.count() == 1 and first.url == second.url


def test_the_captain_home_links_to_phone_intake(world, client):
    client.force_login(world.users["captain3"])
    assert PICK in page(client.get(reverse("front:home")))


def test_the_staff_overview_links_to_the_needs(world, client):
    client.force_login(world.users["staff"])
    html = page(client.get(reverse("front:home")))
    assert reverse("cases:needs") in html and PICK in html
