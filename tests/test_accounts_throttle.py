"""Password guessing on accounts:login is slowed per username and per address."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from linli.accounts.models import LoginFailure
from tests.conftest import PASSWORD

TOO_MANY = "尝试次数过多，请15分钟后再试。"
WRONG = "用户名或密码不对，请重新输入（注意区分大小写）。"


def log_in(client, username, password=PASSWORD, address="10.0.0.1", **headers):
    data = {"username": username, "password": password}
    return client.post(reverse("accounts:login"), data, REMOTE_ADDR=address, **headers)


def fail(client, username="futingting", times=1, address="10.0.0.1"):
    for _ in range(times):
        response = log_in(client, username, "not-the-password", address)
    return response


def page(response):
    return response.content.decode()


def logged_in(client):
    return "_auth_user_id" in client.session


def test_the_tenth_wrong_password_still_gets_the_ordinary_answer(client, world):
    fail(client, times=9)
    response = fail(client)
    assert WRONG in page(response) and TOO_MANY not in page(response)


def test_after_ten_wrong_passwords_even_the_right_one_is_refused_and_the_username_kept(
    client, world
):
    fail(client, times=10)

    response = log_in(client, "futingting")

    assert response.status_code == 200
    assert TOO_MANY in page(response)
    assert 'value="futingting"' in page(response)
    assert PASSWORD not in page(response)
    assert not logged_in(client)


def test_the_username_limit_lifts_fifteen_minutes_after_the_failures(client, world):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(client, times=10)
        clock.shift(timedelta(minutes=10))
        # Trying while refused does not push the end of the wait further out.
        assert TOO_MANY in page(log_in(client, "futingting"))
        clock.shift(timedelta(minutes=4, seconds=59))
        assert TOO_MANY in page(log_in(client, "futingting"))
        clock.shift(timedelta(seconds=2))
        assert log_in(client, "futingting").status_code == 302
    assert logged_in(client)


def test_the_username_limit_counts_failures_from_every_address(client, world):
    for n in range(10):
        fail(client, address=f"10.0.1.{n}")
    assert TOO_MANY in page(log_in(client, "futingting", address="10.0.2.1"))
    # Another account from those same addresses is not held back.
    assert log_in(client, "other_staff", address="10.0.1.9").status_code == 302


def test_the_thirtieth_failure_from_one_address_is_still_answered(client, world):
    for n in range(29):
        fail(client, f"guess{n}", address="203.0.113.7")
    response = fail(client, "guess29", address="203.0.113.7")
    assert WRONG in page(response) and TOO_MANY not in page(response)


def test_after_thirty_failures_from_one_address_every_username_is_refused_from_it(client, world):
    for n in range(30):
        fail(client, f"guess{n}", address="203.0.113.7")

    response = log_in(client, "other_staff", address="203.0.113.7")

    assert TOO_MANY in page(response)
    assert 'value="other_staff"' in page(response)
    assert not logged_in(client)
    assert log_in(client, "other_staff", address="203.0.113.8").status_code == 302


def test_the_address_limit_lifts_after_fifteen_minutes(client, world):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(30):
            fail(client, f"guess{n}", address="203.0.113.7")
        clock.shift(timedelta(minutes=14, seconds=59))
        assert TOO_MANY in page(log_in(client, "other_staff", address="203.0.113.7"))
        clock.shift(timedelta(seconds=2))
        assert log_in(client, "other_staff", address="203.0.113.7").status_code == 302


def test_the_address_limit_counts_the_client_behind_the_proxy(client, world, settings):
    settings.LINLI_PROXY_COUNT = 1
    behind = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    for n in range(30):
        log_in(client, f"guess{n}", "wrong", "10.0.0.254", **behind)
    assert TOO_MANY in page(log_in(client, "other_staff", address="10.0.0.254", **behind))
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert log_in(client, "other_staff", address="10.0.0.254", **other).status_code == 302


def test_another_users_success_does_not_erase_the_failures_for_this_username(client, world):
    fail(client, "futingting", times=9, address="203.0.113.7")
    # A guesser who also has an account of their own logs into it from the same address.
    assert log_in(type(client)(), "other_staff", address="203.0.113.7").status_code == 302

    fail(client, "futingting", address="203.0.113.7")

    assert TOO_MANY in page(log_in(client, "futingting", address="203.0.113.7"))
    assert LoginFailure.objects.filter(username="futingting").count() == 10


def test_the_real_users_success_elsewhere_does_not_erase_a_guessers_failures(client, world):
    fail(client, "futingting", times=9, address="203.0.113.7")
    assert log_in(type(client)(), "futingting", address="10.0.0.1").status_code == 302

    fail(client, "futingting", address="203.0.113.7")

    assert TOO_MANY in page(log_in(client, "futingting", address="203.0.113.7"))


def test_a_user_who_mistyped_and_then_got_in_starts_afresh(client, world):
    fail(client, times=9)
    assert log_in(client, "futingting").status_code == 302
    client.post(reverse("accounts:logout"))

    fail(client, times=9)

    assert log_in(client, "futingting").status_code == 302


def test_a_forwarded_for_that_is_not_an_address_does_not_break_the_login(client, world, settings):
    settings.LINLI_PROXY_COUNT = 1
    garbage = {"HTTP_X_FORWARDED_FOR": "unknown"}
    assert WRONG in page(log_in(client, "futingting", "wrong", **garbage))
    assert LoginFailure.objects.get().address is None
    assert log_in(client, "futingting", **garbage).status_code == 302


def test_an_empty_form_counts_no_failure(client, world):
    client.post(reverse("accounts:login"), {"username": "futingting"})
    assert not LoginFailure.objects.exists()
