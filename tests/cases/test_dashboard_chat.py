"""The dashboard counts crises posted in a chat group that no one has confirmed yet:
they are no Need until someone does, so no other panel counts them."""

import pytest
from django.urls import reverse

from linli.chat import drafts
from tests.cases.need_helpers import page
from tests.chat.conftest import make_group

pytestmark = pytest.mark.django_db
URL = reverse("cases:dashboard")
INBOX = reverse("chat:inbox")
CRISIS = "邻居说她不想活了"
HEADING = "群里有 1 条 P1 紧急求助还没有确认"


def post(group, text, minute=31):
    return drafts.receive(group, "张阿姨", text, f"2020-02-20T09:{minute}:00+08:00")[0]


@pytest.fixture
def urgent(world):
    return post(make_group(world, building=world.building3).group, CRISIS)


def test_staff_see_the_count_with_a_link_to_the_inbox(client, world, urgent):
    client.force_login(world.users["staff"])
    body = page(client.get(URL))
    assert HEADING in body and f'href="{INBOX}"' in body
    assert CRISIS not in body  # a count, never the text


def test_a_supervisor_sees_the_count_and_whom_to_ask_not_a_link_they_cannot_open(
    client, world, people, urgent
):
    client.force_login(people.supervisor.user)
    body = page(client.get(URL))
    assert HEADING in body and "请联系社区工作人员或楼栋长" in body
    assert f'href="{INBOX}"' not in body
    assert client.get(INBOX).status_code == 404


def test_another_communitys_staff_see_no_count(client, world, urgent):
    other = make_group(world, external_id="wx-other", name="外社区群")
    other.group.community = world.other_community
    other.group.save()
    client.force_login(world.users["other_staff"])
    assert "紧急求助" not in page(client.get(URL))
    post(other.group, CRISIS, minute=40)
    assert HEADING in page(client.get(URL))


def test_talk_a_negated_crisis_and_a_dismissed_crisis_are_not_counted(client, world, urgent):
    group = urgent.group
    post(group, "没有想死的念头，谢谢大家关心", minute=35)
    post(group, "能不能帮忙买点菜", minute=36)
    client.force_login(world.users["staff"])
    assert HEADING in page(client.get(URL))
    drafts.dismiss(urgent.pk, world.users["staff"])
    assert "紧急求助" not in page(client.get(URL))
