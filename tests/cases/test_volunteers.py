"""The volunteer registry: staff add volunteers by phone (a login and the volunteer
role come with it), edit them, and read their hours; nobody else reaches it."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.cases import tasks
from linli.cases.choices import Skill, TaskKind, TaskStatus
from linli.cases.models import Volunteer, VolunteerTask

ADD = reverse("cases:volunteer_add")
LIST = reverse("cases:volunteers")


def add(client, world, **data):
    client.force_login(world.users["staff"])
    data = {"name": "李志愿", "phone": "138 0013 8000", "skills": [Skill.DELIVERY],
            "availability": "每天上午", "active": "on"} | data  # fmt: skip
    return client.post(ADD, data)


def test_staff_add_a_volunteer_with_a_new_login_and_the_volunteer_role(client, world):
    response = add(client, world, phone="１３８－００１３－８０００")  # full-width, as typed
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(name="李志愿")
    user = volunteer.user
    assert user.phone == "13800138000" and not user.has_usable_password()
    assert volunteer.community == world.community and volunteer.skills == [Skill.DELIVERY]
    assert Membership.objects.filter(
        user=user, role=Role.VOLUNTEER, community=world.community
    ).exists()


def test_a_resident_who_volunteers_keeps_their_own_login(client, world):
    add(client, world, name="黄彬", phone="13900000003")
    volunteer = Volunteer.objects.get(name="黄彬")
    assert volunteer.user == world.users["resident"]
    roles = set(volunteer.user.memberships.values_list("role", flat=True))
    assert roles == {Role.RESIDENT, Role.VOLUNTEER}


def test_a_phone_already_registered_as_a_volunteer_is_refused_and_the_form_keeps_its_text(
    client, world, people
):
    world.users["volunteer"].phone = "13600000001"
    world.users["volunteer"].save()
    response = add(client, world, name="重复的人", phone="136 0000 0001")
    assert "已经登记为志愿者" in response.text and "重复的人" in response.text
    assert not Volunteer.objects.filter(name="重复的人").exists()


@pytest.mark.parametrize(
    "phone, message",
    [
        ("027-88886666", "11位手机号"),
        ("1380013800", "11位"),
        ("abc", "只能包含数字"),
        ("", "请填写"),
    ],
)
def test_a_phone_that_cannot_get_a_login_code_is_refused_in_plain_words(
    client, world, phone, message
):
    response = add(client, world, phone=phone)
    assert response.status_code == 200 and message in response.text
    assert not User.objects.filter(display_name="李志愿").exists()


def test_two_volunteers_with_users_named_after_their_phone_do_not_collide(client, world):
    User.objects.create_user("13800138000", password="x")  # a username that looks like a phone
    add(client, world)
    assert Volunteer.objects.get(name="李志愿").user.username == "13800138000-2"


def test_editing_keeps_the_phone_and_taking_someone_off_duty_frees_their_tasks(
    client, world, people
):
    job = tasks.claim(tasks.create(world.community, TaskKind.VISIT, "上门探访"), people.volunteer)
    client.force_login(world.users["staff"])
    url = reverse("cases:volunteer_edit", args=[people.volunteer.pk])
    page = client.get(url)
    assert 'name="phone"' not in page.text
    response = client.post(url, {"name": "陈志愿", "skills": [Skill.TUTORING], "availability": ""})
    assert response.status_code == 302
    people.volunteer.refresh_from_db()
    assert (people.volunteer.name, people.volunteer.skills) == ("陈志愿", [Skill.TUTORING])
    assert not people.volunteer.active
    assert VolunteerTask.objects.get(pk=job.pk).status == TaskStatus.OPEN


def test_the_list_shows_hours_this_week_and_in_total(client, world, people):
    wuhan = timezone.get_current_timezone()
    for minutes, day in ((90, 19), (30, 10)):  # Wednesday of this week; the week before
        VolunteerTask.objects.create(
            community=world.community, kind=TaskKind.VISIT, title="探访", minutes=minutes,
            volunteer=people.volunteer, status=TaskStatus.DONE,
            done_at=dt.datetime(2020, 2, day, 10, tzinfo=wuhan),
        )  # fmt: skip
    client.force_login(world.users["staff"])
    with time_machine.travel(dt.datetime(2020, 2, 20, 12, tzinfo=wuhan), tick=False):
        response = client.get(LIST)
    row = response.context["rows"][0]
    assert (row["hours_week"], row["hours_total"]) == (1.5, 2.0)
    assert "本周 1.5 小时 · 累计 2 小时" in response.text


def test_the_list_masks_phones(client, world, people):
    world.users["volunteer"].phone = "13600000001"
    world.users["volunteer"].save()
    client.force_login(world.users["staff"])
    text = client.get(LIST).text
    assert "136****0001" in text and "13600000001" not in text


def test_staff_of_another_community_neither_list_nor_edit_these_volunteers(client, world, people):
    client.force_login(world.users["other_staff"])
    assert "志愿者小陈" not in client.get(LIST).text
    url = reverse("cases:volunteer_edit", args=[people.volunteer.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "改掉", "active": "on"}).status_code == 404
    # Asking for the community by number does not open it either.
    assert "志愿者小陈" not in client.get(LIST, {"community": world.community.pk}).text


@pytest.mark.parametrize("role", ["volunteer", "resident", "captain3", "property", "social_worker"])
def test_only_community_staff_reach_the_registry(client, world, people, role):
    client.force_login(world.users[role])
    assert client.get(LIST).status_code == 404
    assert client.get(ADD).status_code == 404
    url = reverse("cases:volunteer_edit", args=[people.volunteer.pk])
    assert client.get(url).status_code == 404
