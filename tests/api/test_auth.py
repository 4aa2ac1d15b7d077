"""Who may call the API: a bearer token of an active user, or a signed-in
browser session; everyone else hears 401 in the error format."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.api.models import ApiToken


def error_of(response):
    return response.json()["error"]["code"]


def test_a_bearer_token_reads_as_its_user(client, world):
    _token, secret = ApiToken.issue(world.users["captain3"], "机器人")
    response = client.get("/api/buildings", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert [b["id"] for b in response.json()["items"]] == [world.building3.pk]


def test_no_token_is_401_with_a_bearer_challenge(client, world):
    response = client.get("/api/buildings")
    assert response.status_code == 401
    assert error_of(response) == "not_authenticated"
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer ", "Basic dXNlcjpwYXNz", "token"])
def test_a_wrong_or_malformed_authorization_is_401(client, world, header):
    response = client.get("/api/buildings", headers={"Authorization": header})
    assert response.status_code == 401
    assert error_of(response) in {"invalid_token", "not_authenticated"}


def test_a_revoked_token_is_401_token_revoked(client, world):
    token, secret = ApiToken.issue(world.users["staff"], "旧脚本")
    token.revoke()
    response = client.get("/api/buildings", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "token_revoked", "message": "这个令牌已经停用。请新建一个令牌。"}
    }


def test_the_token_of_a_deactivated_user_is_401(client, world):
    staff = world.users["staff"]
    _token, secret = ApiToken.issue(staff, "脚本")
    staff.is_active = False
    staff.save()
    response = client.get("/api/buildings", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert error_of(response) == "account_inactive"


def test_a_wrong_token_is_refused_even_in_a_signed_in_browser(client, world):
    # Otherwise a broken script would quietly run as whoever is signed in.
    client.force_login(world.users["staff"])
    response = client.get("/api/buildings", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401
    assert error_of(response) == "invalid_token"


def test_a_signed_in_browser_session_reads_the_api(client, world):
    client.force_login(world.users["captain5"])
    response = client.get("/api/buildings")
    assert response.status_code == 200
    assert [b["id"] for b in response.json()["items"]] == [world.building5.pk]


def test_a_deactivated_users_session_is_not_enough(client, world):
    captain = world.users["captain5"]
    client.force_login(captain)
    captain.is_active = False
    captain.save()
    assert client.get("/api/buildings").status_code == 401


def _token_updates(captured):
    return [q for q in captured if q["sql"].startswith("UPDATE") and "api_apitoken" in q["sql"]]


def test_last_used_is_written_at_most_once_a_minute(client, world):
    token, secret = ApiToken.issue(world.users["staff"], "脚本")
    headers = {"Authorization": f"Bearer {secret}"}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        with CaptureQueriesContext(connection) as first:
            client.get("/api/buildings", headers=headers)
        with CaptureQueriesContext(connection) as again:
            client.get("/api/buildings", headers=headers)
    assert len(_token_updates(first)) == 1
    assert _token_updates(again) == []
    token.refresh_from_db()
    assert token.last_used_at == start
    later = start + timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        client.get("/api/buildings", headers=headers)
    token.refresh_from_db()
    assert token.last_used_at == later
