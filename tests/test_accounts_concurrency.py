"""Rate limits hold when many requests arrive at the same moment.

Each thread has its own database connection, like requests on several app
servers, and all start together at a barrier. A limit that is checked and then
written without a lock lets most of them through.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from linli.accounts import otp
from linli.accounts.models import LoginFailure, OneTimeCode
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The SQLite test database lives in memory with one shared cache, where a
    # second writer fails at once instead of waiting its turn; a SQLite file
    # waits, and test_accounts_concurrency_sqlite.py covers that case.
    pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server"),
]

THREADS = 8


def simultaneously(work, n=THREADS):
    """Run work(0) … work(n-1) in n threads released together; their results or errors."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001  (reported to the test as a result)
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def refusals(results):
    errors = [r for r in results if isinstance(r, Exception) and not isinstance(r, otp.OtpRefused)]
    assert errors == []
    return sum(isinstance(r, otp.OtpRefused) for r in results)


def test_simultaneous_code_requests_for_one_phone_stay_within_its_limit(settings, sms_outbox):
    settings.LINLI_OTP_PER_PHONE_PER_HOUR = 3

    results = simultaneously(lambda i: otp.request_code("13911112222", f"10.0.0.{i}"))

    assert refusals(results) == THREADS - 3
    assert OneTimeCode.objects.filter(phone="13911112222").count() == 3


def test_simultaneous_code_requests_from_one_address_stay_within_its_limit(settings, sms_outbox):
    settings.LINLI_OTP_PER_ADDRESS_PER_HOUR = 3

    results = simultaneously(lambda i: otp.request_code(f"1391111000{i}", "203.0.113.7"))

    assert refusals(results) == THREADS - 3
    assert OneTimeCode.objects.filter(address="203.0.113.7").count() == 3


def test_simultaneous_password_guesses_stay_within_the_username_limit(world):
    def guess(i):
        data = {"username": "futingting", "password": f"guess-{i}"}
        return Client().post(reverse("accounts:login"), data, REMOTE_ADDR=f"10.0.0.{i}")

    results = simultaneously(guess, n=2 * LoginFailure.PER_USERNAME)

    pages = [r.content.decode() for r in results]
    assert sum("尝试次数过多" in p for p in pages) == LoginFailure.PER_USERNAME
    assert LoginFailure.objects.filter(username="futingting").count() == LoginFailure.PER_USERNAME


def test_a_right_password_among_simultaneous_guesses_still_gets_in_while_under_the_limit(world):
    def attempt(i):
        password = PASSWORD if i == 0 else f"guess-{i}"
        data = {"username": "futingting", "password": password}
        return Client().post(reverse("accounts:login"), data, REMOTE_ADDR="10.0.0.1")

    results = simultaneously(attempt, n=5)

    assert results[0].status_code == 302
    assert [r.status_code for r in results[1:]] == [200] * 4
