"""`linli purge_login_codes` deletes login records older than a day, and only those."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from linli.accounts import otp
from linli.accounts.models import LoginFailure, OneTimeCode, ThrottleLock


def purge():
    out = StringIO()
    call_command("purge_login_codes", stdout=out)
    return out.getvalue().strip().splitlines()[0]


def leave_records(phone, username, address):
    otp.request_code(phone, address)
    LoginFailure.reserve(username, address)


def test_records_older_than_a_day_go_and_newer_ones_stay(db, sms_outbox):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        leave_records("13911110001", "olduser", "10.0.0.1")
        clock.shift(timedelta(hours=23, minutes=59))
        leave_records("13911110002", "newuser", "10.0.0.2")
        clock.shift(timedelta(minutes=2))

        said = purge()

    assert said == "Deleted login codes: 1, login failures: 1, rate-limit locks: 4."
    assert list(OneTimeCode.objects.values_list("phone", flat=True)) == ["13911110002"]
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["newuser"]
    assert sorted(ThrottleLock.objects.values_list("key", flat=True)) == [
        "login-address:10.0.0.2",
        "login-user:newuser",
        "otp-address:10.0.0.2",
        "otp-phone:13911110002",
    ]


def test_running_it_again_deletes_nothing_more(db, sms_outbox):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        leave_records("13911110001", "olduser", "10.0.0.1")
        clock.shift(timedelta(days=2))
        purge()
        assert purge() == "Deleted login codes: 0, login failures: 0, rate-limit locks: 0."


def test_a_lock_still_in_use_is_kept_although_it_was_made_long_ago(db, sms_outbox):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        otp.request_code("13911110001", None)
        clock.shift(timedelta(days=2))
        otp.request_code("13911110001", None)  # the same phone asks again today

        purge()

    assert list(ThrottleLock.objects.values_list("key", flat=True)) == ["otp-phone:13911110001"]
    assert OneTimeCode.objects.count() == 1


def test_the_limits_work_as_before_after_a_purge(db, sms_outbox, settings):
    settings.LINLI_OTP_PER_PHONE_PER_HOUR = 1
    with time_machine.travel(timezone.now(), tick=False) as clock:
        otp.request_code("13911110001", None)
        clock.shift(timedelta(days=2))
        purge()
        otp.request_code("13911110001", None)  # the lock row is made again
        assert OneTimeCode.objects.count() == 1
        with pytest.raises(otp.OtpRefused, match="一小时内已获取 1 次"):
            otp.request_code("13911110001", None)
