"""POST /api/chat/messages: the group bot's token, one row per message, drafts only."""

import pytest

from linli.cases.models import Need
from linli.chat.models import ChatMessage
from linli.groupbuy.models import JielongImport, Order
from linli.health.models import CheckIn, VisitTask
from tests.api.conftest import bearer
from tests.chat.conftest import make_group

pytestmark = pytest.mark.django_db


def test_a_message_from_the_groups_bot_is_stored_as_a_draft(post_message, group3):
    response = post_message(group3, "3-1-201 全家体温正常")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "checkin" and body["status"] == "pending" and not body["duplicate"]
    message = ChatMessage.objects.get()
    assert message.group == group3.group and message.sender == "张阿姨"
    assert message.draft["readings"][0]["household"] is not None


def test_nothing_becomes_final_on_arrival(post_message, group3):
    post_message(group3, "3-1-201 38.9", sender="a")
    post_message(group3, "我家药快吃完了，能不能帮忙买", sender="b")
    post_message(group3, "#接龙\n1. 3-1-201 白菜2斤\n2. 3-1-202 土豆1斤", sender="c")
    assert ChatMessage.objects.count() == 3
    assert not CheckIn.objects.exists() and not VisitTask.objects.exists()
    assert not Need.objects.exists()
    assert not JielongImport.objects.exists() and not Order.objects.exists()


def test_a_resent_message_is_stored_once(post_message, group3):
    first = post_message(group3, "能不能帮忙买药")
    again = post_message(group3, "能不能帮忙买药")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["duplicate"] and again.json()["id"] == first.json()["id"]
    assert ChatMessage.objects.count() == 1


def test_the_same_words_at_another_time_or_from_another_sender_are_new(post_message, group3):
    post_message(group3, "收到")
    post_message(group3, "收到", sent_at="2020-02-20T09:32:00+08:00")
    post_message(group3, "收到", sender="李叔")
    assert ChatMessage.objects.count() == 3


def test_without_a_token_the_bot_is_refused(client, group3):
    body = {"group": "wx-3", "sender": "a", "text": "收到", "sent_at": "2020-02-20T09:31:00+08:00"}
    response = client.post("/api/chat/messages", body, content_type="application/json")
    assert response.status_code == 401


def test_a_wrong_token_is_401(post_message, group3):
    response = post_message(group3, "收到", secret="not-the-secret")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"
    assert not ChatMessage.objects.exists()


def test_a_users_api_token_is_not_a_bot_token(client, world, group3):
    headers = bearer(world.users["staff"])
    body = {"group": "wx-3", "sender": "a", "text": "收到", "sent_at": "2020-02-20T09:31:00+08:00"}
    response = client.post(
        "/api/chat/messages", body, content_type="application/json", headers=headers
    )
    assert response.status_code == 401


def test_an_inactive_group_is_refused(post_message, group3):
    group3.group.active = False
    group3.group.save()
    response = post_message(group3, "收到")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "group_inactive"
    assert not ChatMessage.objects.exists()


def test_a_token_speaks_only_for_its_own_group(post_message, world, group3):
    make_group(world, external_id="wx-5", building=world.building5)
    response = post_message(group3, "收到", external_id="wx-5")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "wrong_group"


def test_a_new_token_replaces_the_old_one(post_message, group3):
    old = group3.secret
    group3.secret = group3.group.new_token()
    group3.group.save()
    assert post_message(group3, "收到", secret=old).status_code == 401
    assert post_message(group3, "收到").status_code == 201


def test_a_message_without_a_time_is_a_422(client, group3):
    headers = {"Authorization": f"Bearer {group3.secret}"}
    body = {"group": "wx-3", "sender": "a", "text": "收到"}
    response = client.post(
        "/api/chat/messages", body, content_type="application/json", headers=headers
    )
    assert response.status_code == 422


def test_a_nul_character_is_a_422(post_message, group3):
    assert post_message(group3, "收\x00到").status_code == 422
    assert post_message(group3, "收到", sender="a\x00").status_code == 422
    assert not ChatMessage.objects.exists()


@pytest.mark.parametrize("sent_at", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"])
def test_a_time_that_cannot_be_stored_is_a_422_not_a_crash(post_message, group3, sent_at):
    # Both are valid ISO times whose UTC falls outside the years a database holds.
    response = post_message(group3, "收到", sent_at=sent_at)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][-1] == "sent_at"
    assert not ChatMessage.objects.exists()


def test_a_time_without_an_offset_is_read_in_the_communitys_time_zone(post_message, group3):
    assert post_message(group3, "收到", sent_at="2020-02-20T09:31:00").status_code == 201
    assert ChatMessage.objects.get().sent_at.isoformat() == "2020-02-20T01:31:00+00:00"


@pytest.fixture
def three_writes_a_minute(monkeypatch):
    """The bots' write limit turned down so that a test reaches it quickly."""
    from django.core.cache import cache

    from linli.chat.api import GROUP_THROTTLE

    cache.clear()
    monkeypatch.setattr(GROUP_THROTTLE, "num_requests", 3)
    yield
    cache.clear()


def test_each_groups_bot_has_its_own_write_count(
    post_message, world, group3, three_writes_a_minute
):
    # One bot service often relays many groups from one address: a busy group
    # must not silence the others.
    statuses = [post_message(group3, f"收到{n}").status_code for n in range(4)]
    assert statuses == [201, 201, 201, 429]
    other = make_group(world, external_id="wx-5", building=world.building5, name="5栋居民群")
    assert post_message(other, "收到").status_code == 201
