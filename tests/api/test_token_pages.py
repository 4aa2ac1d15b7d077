"""The API token pages: make a token (its secret shown once), list and revoke
one's own, never anyone else's."""

import hashlib

import pytest
from django.urls import reverse

from linli.api.models import ApiToken
from tests.conftest import PASSWORD


@pytest.fixture
def captain(client, world):
    client.force_login(world.users["captain3"])
    return world.users["captain3"]


def test_creating_a_token_shows_its_secret_once_with_a_copy_button(client, captain):
    response = client.post(reverse("api:token_create"), {"name": "楼栋群机器人"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=captain)
    secret = response.context["secret"]
    html = response.content.decode()
    assert html.count(secret) == 2  # the secret, and the Authorization header to copy
    assert 'data-copy="token-secret"' in html
    assert "no-store" in response.headers["Cache-Control"]
    listing = client.get(reverse("api:tokens")).content.decode()
    assert "楼栋群机器人" in listing and token.prefix in listing
    assert secret not in listing


def test_only_the_hash_and_prefix_of_a_secret_are_stored(client, captain):
    response = client.post(reverse("api:token_create"), {"name": "统计表格"})
    secret = response.context["secret"]
    token = ApiToken.objects.get(user=captain)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:8]
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.fields]
    assert not any(secret in value for value in stored)


def test_a_token_without_a_name_is_refused_in_chinese_and_nothing_is_made(client, captain):
    response = client.post(reverse("api:token_create"), {"name": "   "})
    assert response.status_code == 200
    assert "请写上用途。" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_list_shows_my_active_tokens_but_not_revoked_ones_or_anyone_elses(
    client, world, captain
):
    mine, _ = ApiToken.issue(captain, "我的机器人")
    gone, _ = ApiToken.issue(captain, "旧脚本")
    gone.revoke()
    ApiToken.issue(world.users["captain5"], "别人的令牌")
    html = client.get(reverse("api:tokens")).content.decode()
    assert "我的机器人" in html
    assert "旧脚本" not in html
    assert "别人的令牌" not in html


def test_revoking_my_token_stops_it_working(client, captain):
    token, secret = ApiToken.issue(captain, "我的机器人")
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    api = client.get("/api/buildings", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401
    assert api.json()["error"]["code"] == "token_revoked"


def test_revoking_someone_elses_token_is_404_and_it_keeps_working(client, world, captain):
    theirs, secret = ApiToken.issue(world.users["captain5"], "别人的令牌")
    response = client.post(reverse("api:token_revoke", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    client.logout()
    api = client.get("/api/buildings", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200


def test_revoking_takes_a_post(client, captain):
    token, _ = ApiToken.issue(captain, "我的机器人")
    assert client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("name", ["api:tokens", "api:token_create"])
def test_the_token_pages_need_a_signed_in_user(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_captain_signed_in_with_a_password_can_open_the_token_pages(client, world):
    assert client.login(username="captain3", password=PASSWORD)
    assert client.get(reverse("api:tokens")).status_code == 200
    assert client.get(reverse("api:token_create")).status_code == 200
