"""The professionals registry: supervisors and community staff, their own communities only."""

from django.urls import reverse

from linli.accounts.choices import Role
from linli.cases.models import Professional
from tests.cases.helpers_assign import fill_up
from tests.conftest import make_user

LIST = reverse("cases:professionals")
ADD = reverse("cases:professional_add")


def edit_url(pro):
    return reverse("cases:professional_edit", args=[pro.pk])


def form_data(world, **changes):
    data = {
        "name": "新来的社工",
        "profession": "social_worker",
        "organisation": "社工中心",
        "specialties": ["elderly", "crisis"],
        "languages": "普通话、武汉话",
        "capacity": "6",
        "duty_start": "09:00",
        "duty_end": "21:00",
        "communities": [world.community.pk],
        "active": "on",
    }
    data.update(changes)
    return data


def test_staff_see_their_communitys_professionals_with_load(client, world, people):
    fill_up(people.doctor, [world.household5])
    client.force_login(world.users["staff"])
    html = client.get(LIST).content.decode()
    assert people.psychologist.name in html and people.doctor.name in html
    assert "8/8" in html and "已满" in html
    assert people.outsider.name not in html


def test_a_supervisor_sees_the_registry(client, world, people):
    client.force_login(people.supervisor.user)
    assert client.get(LIST).status_code == 200


def test_captains_residents_and_plain_professionals_get_a_404(client, world, people):
    for user in ("captain3", "resident", "psychologist", "volunteer"):
        client.force_login(world.users[user])
        assert client.get(LIST).status_code == 404, user
        assert client.get(ADD).status_code == 404, user
        assert client.get(edit_url(people.doctor)).status_code == 404, user


def test_staff_of_the_other_community_cannot_open_our_professional(client, world, people):
    client.force_login(world.users["other_staff"])
    assert client.get(edit_url(people.psychologist)).status_code == 404
    assert client.get(edit_url(people.outsider)).status_code == 200


def test_staff_register_a_professional_for_an_account_of_their_community(client, world, people):
    user = make_user("newsw", Role.SOCIAL_WORKER, community=world.community)
    client.force_login(world.users["staff"])
    response = client.post(ADD, form_data(world, user=user.pk))
    assert response.status_code == 302
    pro = Professional.objects.get(user=user)
    assert pro.languages == ["普通话", "武汉话"]
    assert pro.specialties == ["elderly", "crisis"]
    assert pro.capacity == 6
    assert list(pro.communities.all()) == [world.community]


def test_an_account_of_another_community_cannot_be_registered(client, world, people):
    user = make_user("farsw", Role.SOCIAL_WORKER, community=world.other_community)
    client.force_login(world.users["staff"])
    response = client.post(ADD, form_data(world, user=user.pk))
    assert response.status_code == 400
    assert not Professional.objects.filter(user=user).exists()


def test_the_communities_offered_are_the_editors_own(client, world, people):
    user = make_user("newsw", Role.SOCIAL_WORKER, community=world.community)
    client.force_login(world.users["staff"])
    data = form_data(world, user=user.pk, communities=[world.other_community.pk])
    response = client.post(ADD, data)
    assert response.status_code == 400
    assert "新来的社工" in response.content.decode()  # what was typed is kept
    assert not Professional.objects.filter(user=user).exists()


def test_editing_keeps_the_communities_the_editor_cannot_see(client, world, people):
    people.psychologist.communities.add(world.other_community)
    client.force_login(world.users["staff"])
    data = form_data(world, name=people.psychologist.name, profession="psychologist",
                     capacity="3", communities=[world.community.pk])  # fmt: skip
    assert client.post(edit_url(people.psychologist), data).status_code == 302
    people.psychologist.refresh_from_db()
    assert people.psychologist.capacity == 3
    assert set(people.psychologist.communities.all()) == {world.community, world.other_community}


def test_a_capacity_of_zero_is_refused_with_a_message(client, world, people):
    client.force_login(world.users["staff"])
    data = form_data(world, name=people.doctor.name, profession="doctor", capacity="0")
    response = client.post(edit_url(people.doctor), data)
    assert response.status_code == 400
    assert "至少是 1" in response.content.decode()
