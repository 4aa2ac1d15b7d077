"""Feedback from a household up to the community and back, and the street
office's figures: counts by topic and week, never a text or a name."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.notices.choices import FeedbackKind, FeedbackState, Topic
from linli.notices.feedback import Feedback

pytestmark = pytest.mark.django_db

SAY = {"kind": FeedbackKind.COMPLAINT, "topic": Topic.GROUPBUY, "text": "团购的菜两天没送到。"}


def send(client, user, **extra):
    client.force_login(user)
    return client.post(reverse("notices:feedback_new"), {**SAY, **extra})


def test_a_resident_sends_feedback_for_their_household(client, world):
    response = send(client, world.users["resident"])
    item = Feedback.objects.get()
    assert response.status_code == 302
    assert (item.household, item.community, item.on_behalf) == (
        world.household3, world.community, False
    )  # fmt: skip
    assert item.state == FeedbackState.OPEN


def test_a_double_submit_makes_one_feedback(client, world):
    send(client, world.users["resident"])
    send(client, world.users["resident"])
    assert Feedback.objects.count() == 1


def test_empty_text_is_refused_with_a_message(client, world):
    response = send(client, world.users["resident"], text="")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_captain_sends_feedback_on_behalf_of_a_household_in_their_building(client, world):
    send(client, world.users["captain3"], household=world.household3.pk)
    item = Feedback.objects.get()
    assert (item.household, item.on_behalf, item.created_by) == (
        world.household3, True, world.users["captain3"]
    )  # fmt: skip


def test_a_captain_cannot_send_for_a_household_outside_their_buildings(client, world):
    response = send(client, world.users["captain3"], household=world.household5.pk)
    assert response.status_code == 200
    assert Feedback.objects.count() == 0


def test_staff_answer_and_close_and_the_resident_reads_the_answer(client, world):
    send(client, world.users["resident"])
    item = Feedback.objects.get()
    client.force_login(world.users["staff"])
    url = reverse("notices:feedback_detail", args=[item.pk])
    client.post(url, {"answer": "已联系超市，明天上午送到。", "close": "on"})

    item.refresh_from_db()
    assert item.state == FeedbackState.CLOSED
    assert item.answered_at and item.closed_at
    client.force_login(world.users["resident"])
    assert "已联系超市，明天上午送到。" in client.get(url).content.decode()


def test_answering_without_closing_keeps_it_open_and_a_second_answer_keeps_the_first_time(world):
    item = Feedback.objects.create(community=world.community, household=world.household3, **SAY)
    item.reply("在问了。", world.users["staff"])
    first = item.answered_at
    item.reply("明天送到。", world.users["staff"], close=True)
    assert item.answered_at == first
    assert (item.state, item.answer) == (FeedbackState.CLOSED, "明天送到。")


def test_only_staff_of_the_community_answer(client, world):
    item = Feedback.objects.create(community=world.community, household=world.household3, **SAY)
    url = reverse("notices:feedback_detail", args=[item.pk])
    client.force_login(world.users["resident"])
    assert client.post(url, {"answer": "我自己回复"}).status_code == 404
    client.force_login(world.users["other_staff"])
    assert client.post(url, {"answer": "别的社区"}).status_code == 404
    item.refresh_from_db()
    assert item.answer == ""


@pytest.mark.parametrize("user", ["captain3", "captain5", "resident5", "viewer", "property"])
def test_others_cannot_read_a_households_feedback(client, world, user):
    item = Feedback.objects.create(community=world.community, household=world.household3, **SAY)
    client.force_login(world.users[user])
    assert client.get(reverse("notices:feedback_detail", args=[item.pk])).status_code == 404
    assert SAY["text"] not in client.get(reverse("notices:feedback_list")).content.decode()


def test_the_viewer_sees_counts_by_topic_but_no_texts(client, world):
    now = timezone.now()
    Feedback.objects.create(community=world.community, household=world.household3, **SAY,
                            created_at=now - timedelta(hours=5))  # fmt: skip
    answered = Feedback.objects.create(
        community=world.community, household=world.household5, kind=FeedbackKind.QUESTION,
        topic=Topic.MEDICAL, text="去哪里开药？", created_at=now - timedelta(hours=4),
    )  # fmt: skip
    answered.reply("社区统一代购。", world.users["staff"], close=True)
    Feedback.objects.filter(pk=answered.pk).update(answered_at=now - timedelta(hours=2))

    client.force_login(world.users["viewer"])
    response = client.get(reverse("notices:summary"))
    page = response.content.decode()

    assert response.status_code == 200
    assert "团购" in page and "就医" in page
    assert "2.0" in page  # hours from 就医's question to its answer
    assert SAY["text"] not in page and "去哪里开药" not in page
    assert client.get(reverse("notices:feedback_detail", args=[answered.pk])).status_code == 404


def test_the_summary_of_another_street_holds_nothing_of_this_one(client, world):
    from linli.accounts.choices import Role
    from linli.community.models import District, Street
    from tests.conftest import make_user

    other = Street.objects.create(district=District.objects.create(name="洪山区"), name="珞南街道")
    Feedback.objects.create(community=world.community, household=world.household3, **SAY)
    client.force_login(make_user("other_street", Role.VIEWER, street=other))
    assert "团购" not in client.get(reverse("notices:summary")).content.decode().split("<main")[1]


@pytest.mark.parametrize("user", ["captain3", "resident", "volunteer", "nobody"])
def test_only_viewers_and_staff_open_the_summary(client, world, user):
    client.force_login(world.users[user])
    assert client.get(reverse("notices:summary")).status_code == 404
