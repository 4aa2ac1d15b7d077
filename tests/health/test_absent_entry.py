"""The door-to-door sheet and every way of writing a check-in leave out the
residents not expected to check in (the dead, those in hospital or at an
isolation point): the sheet greys them with their state and no input, 全家正常
skips them, a single entry and the API refuse them, the chat confirm skips
them, and a resident's own page does not offer them to fill in."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from linli.chat import drafts
from linli.community.models import Resident
from linli.health.models import CheckIn
from tests.api.conftest import bearer
from tests.chat.conftest import make_group
from tests.health.absent_helpers import at, die, isolate, transfer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def family(world, today):
    """黄彬's mother died last night; his son is in hospital since this morning."""
    mother = Resident.objects.create(household=world.household3, name="黄桂英")
    son = Resident.objects.create(household=world.household3, name="黄小宝", birth_year=2013)
    die(mother, at(today, 1))
    transfer(son, at(today, 8))
    return mother, son


def _sheet(client, user, world):
    client.force_login(user)
    response = client.get(reverse("health:sheet", args=[world.building3.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_sheet_greys_the_dead_and_the_away_with_their_state_and_no_input(client, world, family):
    mother, son = family
    page = _sheet(client, world.users["staff"], world)
    assert page.count('class="absent"') == 2
    assert "已故" in page and "在院/隔离点" in page
    assert reverse("health:checkin", args=[mother.pk]) not in page
    assert reverse("health:checkin", args=[son.pk]) not in page


def test_a_captain_sees_only_that_no_reading_is_due_not_why(client, world, family):
    mother, son = family
    page = _sheet(client, world.users["captain3"], world)
    assert page.count('class="absent"') == 2 and page.count("不需打卡") == 2
    assert "已故" not in page and "在院/隔离点" not in page
    assert reverse("health:checkin", args=[mother.pk]) not in page
    assert reverse("health:checkin", args=[son.pk]) not in page
    # 黄彬 is at home: his entry and the family's one tap stay.
    assert reverse("health:checkin", args=[world.huangbin.pk]) in page
    assert "全家正常" in page


def test_staff_of_another_community_who_captain_here_see_no_reason_here(client, world, family):
    from linli.accounts.choices import Role
    from linli.accounts.models import Membership

    user = world.users["other_staff"]  # staff over there: health details there only
    captaincy = Membership.objects.create(user=user, role=Role.CAPTAIN, community=world.community)
    captaincy.buildings.set([world.building3])
    page = _sheet(client, user, world)
    assert page.count("不需打卡") == 2 and "已故" not in page


def test_a_household_with_nobody_expected_has_no_whole_household_button(
    client, world, family, today
):
    isolate(world.huangbin, today)
    page = _sheet(client, world.users["staff"], world)
    assert page.count('class="absent"') == 3
    assert "全家正常" not in page


def test_whole_household_normal_skips_the_dead_and_the_away_and_says_so(client, world, family):
    client.force_login(world.users["captain3"])
    response = client.post(reverse("health:household_normal", args=[world.household3.pk]))
    assert [c.resident for c in CheckIn.objects.all()] == [world.huangbin]
    said = _said(response)
    assert any("已登记1人正常" in m for m in said)
    assert any("另有2人今天不需要打卡" in m for m in said)


def test_whole_household_normal_says_nothing_about_absences_when_there_are_none(
    client, world, today
):
    client.force_login(world.users["captain3"])
    response = client.post(reverse("health:household_normal", args=[world.household3.pk]))
    assert CheckIn.objects.count() == 1
    assert not any("已故" in m for m in _said(response))


@pytest.mark.parametrize(
    "who, said",
    [("captain3", "黄小宝今天不需要打卡，未登记。"),
     ("staff", "黄小宝（在院/隔离点）今天不需要打卡，未登记。")],
)  # fmt: skip
def test_a_check_in_on_behalf_of_someone_away_is_refused_and_writes_nothing(
    client, world, family, who, said
):
    son = family[1]
    client.force_login(world.users[who])
    url = reverse("health:checkin", args=[son.pk])
    response = client.post(url, {"temperature": "36.5", "method": "forehead"})
    assert response.status_code == 302
    assert response.url == reverse("health:sheet", args=[world.building3.pk])
    assert not CheckIn.objects.exists()
    assert said in _said(response)  # why only to those who see health details
    assert client.get(url).status_code == 302  # no form to fill either


def test_a_check_in_for_someone_at_home_is_still_taken(client, world, family):
    client.force_login(world.users["captain3"])
    url = reverse("health:checkin", args=[world.huangbin.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"temperature": "36.5", "method": "forehead"})
    assert CheckIn.objects.get().resident == world.huangbin


def test_a_resident_is_not_offered_the_dead_or_away_member_to_fill_in(client, world, family):
    mother, son = family
    client.force_login(world.users["resident"])
    page = client.get(reverse("health:dashboard")).content.decode()
    assert reverse("health:checkin", args=[world.huangbin.pk]) in page
    assert reverse("health:checkin", args=[mother.pk]) not in page
    assert reverse("health:checkin", args=[son.pk]) not in page
    response = client.post(reverse("health:checkin", args=[mother.pk]), {"temperature": "36.5"})
    assert response.url == reverse("health:dashboard") and not CheckIn.objects.exists()


def _api(client, user, path, body):
    return client.post(f"/api/{path}", body, content_type="application/json", headers=bearer(user))


def test_the_api_refuses_a_check_in_for_someone_away(client, world, family):
    son = family[1]
    response = _api(client, world.users["captain3"], "checkins", {"resident": son.pk})
    assert response.status_code == 422
    (detail,) = response.json()["error"]["details"]
    assert detail["type"] == "not_expected" and detail["loc"] == ["body", "resident"]
    assert not CheckIn.objects.exists()
    ok = _api(client, world.users["captain3"], "checkins", {"resident": world.huangbin.pk})
    assert ok.status_code == 200 and CheckIn.objects.count() == 1


def test_an_api_batch_with_a_dead_resident_writes_nothing_and_names_the_item(client, world, family):
    mother = family[0]
    items = [{"resident": world.huangbin.pk}, {"resident": mother.pk}]
    response = _api(client, world.users["staff"], "checkins/batch", {"items": items})
    assert response.status_code == 422
    (detail,) = response.json()["error"]["details"]
    assert detail["loc"] == ["body", "items", "1", "resident"]
    assert detail["type"] == "not_expected"
    assert not CheckIn.objects.exists()


def _confirm(world, text):
    group = make_group(world, building=world.building3)
    message = drafts.receive(group.group, "张阿姨", text, "2020-02-12T09:31:00+08:00")[0]
    return drafts.confirm_checkins(message.pk, world.users["captain3"])


def test_a_chat_report_for_the_family_records_only_those_at_home(world, family):
    made = _confirm(world, "3-1-201 全家体温正常")
    assert [c.resident for c in made] == [world.huangbin]


def test_a_chat_reading_goes_to_the_member_at_home_not_the_one_away(world, family):
    made = _confirm(world, "3-1-201 37.9")
    assert [(c.resident, c.temperature) for c in made] == [(world.huangbin, Decimal("37.9"))]


def test_a_chat_report_for_a_family_all_away_is_refused_with_the_reason(world, family, today):
    isolate(world.huangbin, today)
    with pytest.raises(drafts.DraftError, match="今天都不需要打卡"):
        _confirm(world, "3-1-201 全家体温正常")
    assert not CheckIn.objects.exists()
