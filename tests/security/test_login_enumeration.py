"""Asking for a login code must not reveal whether a phone is registered.

Not by the answer, and not by the work done: the same queries, the same number
of code hashes and one call of an SMS backend either way (a registered phone's
to the configured gateway, an unknown one's to a backend that sends nothing).
Counted with spies, not timed: a unit test that times requests is flaky.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.accounts import models as account_models
from linli.accounts import otp, sms
from linli.accounts.models import OneTimeCode

REGISTERED = "13900000003"  # 黄彬, world.users["resident"]
UNKNOWN = "13911112222"


@pytest.fixture
def spies(monkeypatch, sms_outbox):
    """Counts of code hashes and backend sends, per request."""
    calls = {"hash": 0, "backend": [], "sent": []}
    real_hash = account_models._hash_code

    def counting_hash(phone, code):
        calls["hash"] += 1
        return real_hash(phone, code)

    def spy_send(name, real):
        def send(self, message):
            calls["sent"].append(name)
            return real(self, message)

        return send

    real_get_backend = sms.get_backend

    def counting_get_backend(path=None):
        backend = real_get_backend(path)
        calls["backend"].append(type(backend).__name__)
        return backend

    monkeypatch.setattr(account_models, "_hash_code", counting_hash)
    monkeypatch.setattr(sms, "get_backend", counting_get_backend)
    monkeypatch.setattr(sms.MemoryBackend, "send", spy_send("gateway", sms.MemoryBackend.send))
    monkeypatch.setattr(sms.NullBackend, "send", spy_send("nothing", sms.NullBackend.send))
    return calls


def shape(sql):
    # The statements without their values (phones, hashes, times differ by design)
    # nor their savepoints' serial names.
    return re.sub(r"'[^']*'|\b\d+(\.\d+)?\b|\"s\d+_x\d+\"", "?", sql)


def ask(phone, address, spies):
    before = {"hash": spies["hash"], "backend": len(spies["backend"]), "sent": len(spies["sent"])}
    with CaptureQueriesContext(connection) as queries:
        response = Client().post(
            reverse("accounts:phone_login"), {"phone": phone}, REMOTE_ADDR=address
        )
    work = {
        "queries": [shape(q["sql"]) for q in queries.captured_queries],
        "hashes": spies["hash"] - before["hash"],
        "backends": spies["backend"][before["backend"] :],
        "sends": len(spies["sent"]) - before["sent"],
    }
    return response, work


def test_a_registered_and_an_unknown_phone_get_byte_identical_answers(world, spies):
    known, _ = ask(REGISTERED, "10.0.0.1", spies)
    unknown, _ = ask(UNKNOWN, "10.0.0.2", spies)

    assert known.status_code == unknown.status_code == 302
    assert known.content == unknown.content
    assert known["Location"] == unknown["Location"] == reverse("accounts:phone_verify")
    assert sorted(known.headers) == sorted(unknown.headers)
    said = [[m.message for m in get_messages(r.wsgi_request)] for r in (known, unknown)]
    assert said == [[otp.sent_message()]] * 2


def test_a_registered_and_an_unknown_phone_cost_the_same_queries_hashes_and_backend_calls(
    world, spies
):
    _, known = ask(REGISTERED, "10.0.0.1", spies)
    _, unknown = ask(UNKNOWN, "10.0.0.2", spies)

    assert known["queries"] == unknown["queries"]
    assert known["hashes"] == unknown["hashes"] == 1
    # The configured backend is loaded for both, and each request makes one send.
    assert known["backends"] == unknown["backends"] == ["MemoryBackend"]
    assert known["sends"] == unknown["sends"] == 1
    assert spies["sent"] == ["gateway", "nothing"]


def test_only_the_registered_phone_is_texted(world, spies, sms_outbox):
    ask(REGISTERED, "10.0.0.1", spies)
    ask(UNKNOWN, "10.0.0.2", spies)

    assert [message.phone for message in sms_outbox] == [REGISTERED]
    assert OneTimeCode.objects.filter(phone__in=[REGISTERED, UNKNOWN]).count() == 2


def test_over_the_hourly_limit_both_phones_get_the_same_refusal(world, spies, settings):
    settings.LINLI_OTP_PER_PHONE_PER_HOUR = 1
    pages = []
    for phone, address in ((REGISTERED, "10.0.0.1"), (UNKNOWN, "10.0.0.2")):
        ask(phone, address, spies)
        response, work = ask(phone, address, spies)
        assert response.status_code == 200
        assert work["hashes"] == work["sends"] == 0
        # The page shows what was typed and a fresh CSRF token; the rest must match.
        page = response.content.decode().replace(phone, "PHONE")
        pages.append(re.sub(r"\b[A-Za-z0-9]{64}\b", "TOKEN", page))
    assert "一小时内已获取 1 次验证码" in pages[0]
    assert pages[0] == pages[1]
