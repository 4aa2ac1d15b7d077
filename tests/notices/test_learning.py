"""Articles and activities: the community reads, its workers write, residents
sign up their household and captains sign up residents of their buildings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.community.models import Resident
from linli.notices.choices import ActivityKind
from linli.notices.learning import Activity, ActivityFull, Article, SignUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(world):
    return Article.objects.create(community=world.community, title="正确佩戴口罩", body="……")


@pytest.fixture
def activity(world):
    return Activity.objects.create(
        community=world.community, kind=ActivityKind.PARENT_CHILD, title="亲子手工课",
        starts_at=timezone.now() + timedelta(days=1), room="腾讯会议 123 456 789", capacity=2,
    )  # fmt: skip


@pytest.mark.parametrize("user", ["resident", "captain5", "volunteer", "staff"])
def test_everyone_in_the_community_reads_its_articles(client, world, article, user):
    client.force_login(world.users[user])
    assert client.get(reverse("notices:article", args=[article.pk])).status_code == 200


@pytest.mark.parametrize("user", ["other_staff", "nobody", "viewer"])
def test_outsiders_do_not_see_the_articles(client, world, article, user):
    client.force_login(world.users[user])
    assert client.get(reverse("notices:article", args=[article.pk])).status_code == 404


def test_an_unpublished_article_is_for_staff_only(client, world, article):
    Article.objects.filter(pk=article.pk).update(published=False)
    client.force_login(world.users["resident"])
    assert client.get(reverse("notices:article", args=[article.pk])).status_code == 404
    client.force_login(world.users["staff"])
    assert client.get(reverse("notices:article", args=[article.pk])).status_code == 200


def test_staff_write_articles_and_others_cannot(client, world, article):
    data = {"title": "居家消毒", "body": "84消毒液按1:100稀释。", "published": "on"}
    client.force_login(world.users["captain3"])
    assert client.post(reverse("notices:article_new"), data).status_code == 404
    assert client.post(reverse("notices:article_edit", args=[article.pk]), data).status_code == 404
    client.force_login(world.users["staff"])
    assert client.post(reverse("notices:article_new"), data).status_code == 302
    assert Article.objects.get(title="居家消毒").community == world.community


def test_staff_set_up_an_activity_with_a_room_or_a_link(client, world):
    data = {"kind": ActivityKind.CLASS, "title": "线上防疫课", "starts_at": "2020-02-20T19:30",
            "minutes": 45, "capacity": 30}  # fmt: skip
    client.force_login(world.users["staff"])
    response = client.post(reverse("notices:activity_new"), data)
    assert "请填写线上链接，或会议号、地点" in response.content.decode()
    response = client.post(reverse("notices:activity_new"), {**data, "link": "meeting.example/1"})
    assert response.status_code == 302
    client.force_login(world.users["captain3"])
    assert client.post(reverse("notices:activity_new"), data).status_code == 404


def test_a_resident_signs_up_a_member_of_their_household(client, world, activity):
    client.force_login(world.users["resident"])
    url = reverse("notices:activity_signup", args=[activity.pk])
    client.post(url, {"resident": world.huangbin.pk})
    client.post(url, {"resident": world.huangbin.pk})
    assert SignUp.objects.get().resident == world.huangbin


def test_a_resident_cannot_sign_up_another_household(client, world, activity):
    client.force_login(world.users["resident"])
    url = reverse("notices:activity_signup", args=[activity.pk])
    assert client.post(url, {"resident": world.resident5.pk}).status_code == 404
    assert client.post(url, {"resident": "x"}).status_code == 404
    assert SignUp.objects.count() == 0


def test_a_captain_signs_up_a_resident_of_their_building_only(client, world, activity):
    client.force_login(world.users["captain5"])
    url = reverse("notices:activity_signup", args=[activity.pk])
    assert client.post(url, {"resident": world.huangbin.pk}).status_code == 404
    client.post(url, {"resident": world.resident5.pk})
    assert SignUp.objects.get().by == world.users["captain5"]


def test_a_captain_finds_residents_to_sign_up(client, world, activity):
    client.force_login(world.users["captain5"])
    page = client.get(reverse("notices:activity", args=[activity.pk]), {"q": "王"}).content
    assert "王秀英" in page.decode()


def test_an_activity_of_another_community_is_404(client, world, activity):
    client.force_login(world.users["other_staff"])
    assert client.get(reverse("notices:activity", args=[activity.pk])).status_code == 404


def test_a_full_activity_refuses_the_next_resident(world, activity):
    extra = Resident.objects.create(household=world.household3, name="刘敏")
    activity.sign_up(world.huangbin, by=None)
    activity.sign_up(world.resident5, by=None)
    with pytest.raises(ActivityFull):
        activity.sign_up(extra, by=None)
    assert activity.sign_up(world.huangbin, by=None).resident == world.huangbin  # their seat
    assert SignUp.objects.count() == 2


def test_a_full_activity_tells_the_resident_plainly(client, world, activity):
    Activity.objects.filter(pk=activity.pk).update(capacity=0)
    client.force_login(world.users["resident"])
    url = reverse("notices:activity_signup", args=[activity.pk])
    response = client.post(url, {"resident": world.huangbin.pk}, follow=True)
    assert "名额已满" in response.content.decode()


def test_a_double_tap_on_saving_a_new_article_or_activity_makes_one(client, world):
    client.force_login(world.users["staff"])
    article = {"title": "勤洗手", "body": "饭前便后用肥皂洗手二十秒。", "published": "on"}
    activity = {"kind": ActivityKind.CLASS, "title": "亲子折纸", "starts_at": "2020-02-20T19:30",
                "minutes": 45, "capacity": 30, "room": "腾讯会议 520"}  # fmt: skip
    for _tap in range(2):
        assert client.post(reverse("notices:article_new"), article).status_code == 302
        assert client.post(reverse("notices:activity_new"), activity).status_code == 302
    assert Article.objects.filter(title="勤洗手").count() == 1
    assert Activity.objects.filter(title="亲子折纸").count() == 1
