"""Every error in one format, {"error": {"code", "message", "details"?}}, with
the message in the caller's language: the token user's own, else the client's
Accept-Language, else Chinese."""

import json

import pytest
from django.test import Client

from tests.api.conftest import bearer

pytestmark = pytest.mark.urls("tests.api.error_urls")

ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}


def error(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) <= {"code", "message", "details"}
    assert body["error"]["message"]
    return body["error"]


def is_chinese(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def call(client, user, path, method="get", headers=None, **kwargs):
    headers = {**(bearer(user) if user else {}), **(headers or {})}
    return getattr(client, method)(f"/api/{path}", headers=headers, **kwargs)


# Each status and its code.


def test_401_without_credentials(client, world):
    response = call(client, None, "households/1")
    assert response.status_code == 401
    assert error(response)["code"] == "not_authenticated"


def test_403_when_the_endpoint_forbids(client, world):
    response = call(client, world.users["staff"], "forbidden")
    assert response.status_code == 403
    assert error(response)["code"] == "forbidden"


def test_404_for_something_outside_the_callers_scope(client, world):
    response = call(client, world.users["captain3"], f"households/{world.household5.pk}")
    assert response.status_code == 404
    assert error(response)["code"] == "not_found"


def test_404_out_of_scope_reads_exactly_like_404_does_not_exist(client, world):
    captain = world.users["captain3"]
    out_of_scope = call(client, captain, f"households/{world.household5.pk}")
    missing = call(client, captain, "households/999999")
    assert out_of_scope.json() == missing.json()


def test_422_names_each_invalid_field(client, world):
    response = call(client, world.users["staff"], "households/abc")
    assert response.status_code == 422
    body = error(response)
    assert body["code"] == "validation_error"
    assert body["details"] == [
        {"loc": ["path", "household_id"], "type": "int_parsing", "message": "应当是整数。"}
    ]


def test_422_for_a_body_that_is_not_json(client, world):
    response = call(
        client, world.users["staff"], "notes", "post", data="{", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert error(response)["code"] in ("bad_request", "validation_error")


def test_422_for_a_missing_body_field(client, world):
    response = call(
        client, world.users["staff"], "notes", "post", data={}, content_type="application/json"
    )
    assert response.status_code == 422
    details = error(response)["details"]
    assert details[0]["loc"] == ["body", "note", "text"]
    assert details[0]["message"] == "必须填写。"


def test_429_after_too_many_calls_with_a_retry_after(client, world):
    headers = bearer(world.users["staff"])
    statuses = [client.get("/api/forbidden", headers=headers).status_code for _ in range(4)]
    assert statuses == [403, 403, 403, 429]
    response = client.get("/api/forbidden", headers=headers)
    assert error(response)["code"] == "throttled"
    assert int(response.headers["Retry-After"]) > 0


def test_the_rate_limit_counts_each_user_apart(client, world):
    for _ in range(3):
        call(client, world.users["staff"], "forbidden")
    assert call(client, world.users["staff"], "forbidden").status_code == 429
    assert call(client, world.users["captain3"], "forbidden").status_code == 403


def test_500_for_a_bug_is_logged_and_hides_the_traceback(client, world, caplog):
    response = call(client, world.users["staff"], "boom")
    assert response.status_code == 500
    body = error(response)
    assert body["code"] == "server_error"
    assert "a bug" not in response.content.decode()
    assert any(r.name == "linli.api" and r.exc_info for r in caplog.records)


def test_a_signed_in_browser_needs_the_csrf_token_to_post(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["staff"])
    data = json.dumps({"text": "你好"})
    refused = browser.post("/api/notes", data, content_type="application/json")
    assert refused.status_code == 403
    assert error(refused)["code"] == "csrf_failed"
    secret = "k" * 32  # any 32 letters serve as both the cookie and the header
    browser.cookies["csrftoken"] = secret
    accepted = browser.post(
        "/api/notes", data, content_type="application/json", headers={"X-CSRFToken": secret}
    )
    assert accepted.status_code == 200
    assert accepted.json() == {"text": "你好"}


def test_a_token_caller_needs_no_csrf_token(world):
    program = Client(enforce_csrf_checks=True)
    response = program.post(
        "/api/notes",
        json.dumps({"text": "你好"}),
        content_type="application/json",
        headers=bearer(world.users["staff"]),
    )
    assert response.status_code == 200


# The caller's language.

EVERY_ERROR = [
    ("not_authenticated", None, "households/1"),
    ("forbidden", "staff", "forbidden"),
    ("not_found", "captain3", "households/999999"),
    ("validation_error", "staff", "households/abc"),
    ("server_error", "staff", "boom"),
]


@pytest.mark.parametrize(("code", "who", "path"), EVERY_ERROR)
def test_every_error_is_chinese_by_default(client, world, code, who, path):
    body = error(call(client, world.users.get(who), path))
    assert body["code"] == code
    assert is_chinese(body["message"])


@pytest.mark.parametrize(("code", "who", "path"), EVERY_ERROR)
def test_every_error_is_english_for_an_english_client(client, world, code, who, path):
    body = error(call(client, world.users.get(who), path, headers=ENGLISH))
    assert body["code"] == code
    assert body["message"].isascii()
    assert all(d["message"].isascii() for d in body.get("details", []))


@pytest.mark.parametrize(("code", "who", "path"), EVERY_ERROR[1:])
def test_every_error_is_english_for_a_user_who_chose_english(client, world, code, who, path):
    world.users[who].choose_language("en")
    body = error(call(client, world.users[who], path))
    assert body["code"] == code
    assert body["message"].isascii()


def test_a_users_chosen_chinese_wins_over_an_english_client(client, world):
    captain = world.users["captain3"]
    captain.choose_language("zh-hans")
    body = error(call(client, captain, "households/999999", headers=ENGLISH))
    assert is_chinese(body["message"])


def test_a_revoked_token_is_refused_in_english_for_an_english_client(client, world):
    from linli.api.models import ApiToken

    token, secret = ApiToken.issue(world.users["staff"], "脚本")
    token.revoke()
    response = client.get(
        "/api/forbidden", headers={"Authorization": f"Bearer {secret}", **ENGLISH}
    )
    assert error(response) == {
        "code": "token_revoked",
        "message": "This token has been revoked. Please create a new one.",
    }


def test_the_english_404_reads_as_written(client, world):
    body = error(call(client, world.users["staff"], "households/999999", headers=ENGLISH))
    assert body["message"] == "Not found. It does not exist or is outside your scope."
