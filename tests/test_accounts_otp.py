"""Phone + one-time code login: each limit tested on both sides of its line."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from linli.accounts import otp
from linli.accounts.models import OneTimeCode
from linli.accounts.sms import SmsError
from linli.accounts.views import PHONE_KEY

RESIDENT_PHONE = "13900000003"  # 黄彬, world.users["resident"]
UNKNOWN_PHONE = "13911112222"


class BrokenGateway:
    """An SMS gateway that is down, selected through settings like a real one."""

    def send(self, message):
        raise ConnectionError("gateway timed out")


def ask(client, phone, address="10.0.0.1", next=None, **headers):
    data = {"phone": phone} | ({"next": next} if next else {})
    return client.post(reverse("accounts:phone_login"), data, REMOTE_ADDR=address, **headers)


def enter(client, code):
    return client.post(reverse("accounts:phone_verify"), {"code": code})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def wrong(code):
    return f"{(int(code) + 1) % 10**6:06d}"


def test_resident_logs_in_with_the_code_texted_to_their_phone(client, world, sms_outbox):
    response = ask(client, RESIDENT_PHONE)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:phone_verify")
    [sms] = sms_outbox
    assert sms.phone == RESIDENT_PHONE and sms.code in sms.text

    response = enter(client, sms.code)

    assert response.status_code == 302
    assert response["Location"] == reverse("front:home")
    assert logged_in_user_id(client) == str(world.users["resident"].pk)
    assert PHONE_KEY not in client.session


def test_captain_logs_in_with_phone_and_code_and_lands_on_the_page_they_asked_for(
    client, world, sms_outbox
):
    first = ask(client, "137 0000 0003", next="/community/")  # typed with spaces
    response = client.post(first["Location"], {"code": sms_outbox[0].code})
    assert response["Location"] == "/community/"
    assert logged_in_user_id(client) == str(world.users["captain3"].pk)


def test_the_phone_is_carried_from_the_first_step_to_the_second_in_the_session(
    client, world, sms_outbox
):
    response = ask(client, "+86 139-0000-0003", next="/community/")
    assert client.session[PHONE_KEY] == RESIDENT_PHONE
    assert response["Location"] == reverse("accounts:phone_verify") + "?next=%2Fcommunity%2F"
    page = client.get(response["Location"]).content.decode()
    assert "139****0003" in page
    assert '<input type="hidden" name="next" value="/community/">' in page


def test_a_wrong_code_counts_a_try_and_says_how_many_are_left(client, world, sms_outbox):
    ask(client, RESIDENT_PHONE)
    typed = wrong(sms_outbox[0].code)

    response = enter(client, typed)

    assert response.status_code == 200
    assert "验证码不对，还可以再试 4 次。" in response.content.decode()
    assert f'value="{typed}"' in response.content.decode()  # what was typed stays
    assert OneTimeCode.objects.get().tries == 1
    assert logged_in_user_id(client) is None


def test_the_fifth_try_with_the_right_code_still_logs_in(client, world, sms_outbox):
    ask(client, RESIDENT_PHONE)
    code = sms_outbox[0].code
    for _ in range(4):
        enter(client, wrong(code))
    enter(client, code)
    assert logged_in_user_id(client) == str(world.users["resident"].pk)


def test_the_sixth_try_is_refused_even_with_the_right_code(client, world, sms_outbox):
    ask(client, RESIDENT_PHONE)
    code = sms_outbox[0].code
    for _ in range(4):
        enter(client, wrong(code))
    fifth = enter(client, wrong(code))
    assert "输错次数太多" in fifth.content.decode()

    sixth = enter(client, code)

    assert "输错次数太多，这个验证码已作废，请重新获取。" in sixth.content.decode()
    assert logged_in_user_id(client) is None
    assert OneTimeCode.objects.get().tries == 5


def test_a_code_still_works_just_before_five_minutes(client, world, sms_outbox):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        ask(client, RESIDENT_PHONE)
        clock.shift(timedelta(minutes=4, seconds=59))
        enter(client, sms_outbox[0].code)
    assert logged_in_user_id(client) == str(world.users["resident"].pk)


def test_a_code_expires_after_five_minutes(client, world, sms_outbox):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        ask(client, RESIDENT_PHONE)
        clock.shift(timedelta(minutes=5, seconds=1))
        response = enter(client, sms_outbox[0].code)
    assert "验证码已过期（5 分钟内有效），请重新获取。" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_a_used_code_cannot_be_used_again(client, world, sms_outbox):
    ask(client, RESIDENT_PHONE)
    enter(client, sms_outbox[0].code)
    assert logged_in_user_id(client) is not None

    # Someone who saw the code over the resident's shoulder, on another phone.
    other = type(client)()
    session = other.session
    session[PHONE_KEY] = RESIDENT_PHONE
    session.save()
    response = enter(other, sms_outbox[0].code)

    assert "这个验证码已经用过了，请重新获取。" in response.content.decode()
    assert logged_in_user_id(other) is None


def test_a_new_code_replaces_the_older_unused_one(client, world, sms_outbox):
    ask(client, RESIDENT_PHONE)
    ask(client, RESIDENT_PHONE)
    first, second = sms_outbox

    with pytest.raises(otp.OtpRefused):
        otp.verify_code(RESIDENT_PHONE, first.code)
    assert otp.verify_code(RESIDENT_PHONE, second.code) == world.users["resident"]


def test_the_request_over_the_hourly_limit_per_phone_is_refused(
    client, world, sms_outbox, settings
):
    settings.LINLI_OTP_PER_PHONE_PER_HOUR = 3
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        assert ask(client, RESIDENT_PHONE, address).status_code == 302

    response = ask(client, RESIDENT_PHONE, "10.0.0.4")

    assert response.status_code == 200
    assert "这个手机号一小时内已获取 3 次验证码，请一小时后再试。" in response.content.decode()
    assert len(sms_outbox) == 3
    # Another phone from the same address is not held back by this one.
    assert ask(client, "13900000005", "10.0.0.4").status_code == 302


def test_the_phone_limit_lifts_after_an_hour(client, world, sms_outbox, settings):
    settings.LINLI_OTP_PER_PHONE_PER_HOUR = 1
    with time_machine.travel(timezone.now(), tick=False) as clock:
        ask(client, RESIDENT_PHONE)
        assert ask(client, RESIDENT_PHONE).status_code == 200
        clock.shift(timedelta(minutes=61))
        assert ask(client, RESIDENT_PHONE).status_code == 302
    assert len(sms_outbox) == 2


def test_the_request_over_the_hourly_limit_per_address_is_refused(
    client, world, sms_outbox, settings
):
    settings.LINLI_OTP_PER_ADDRESS_PER_HOUR = 3
    phones = ["13900000003", "13900000005", "13700000003"]
    for phone in phones:
        assert ask(client, phone, "203.0.113.7").status_code == 302

    response = ask(client, "13700000005", "203.0.113.7")

    assert response.status_code == 200
    assert "从这个网络获取验证码的次数太多了，请一小时后再试。" in response.content.decode()
    assert len(sms_outbox) == 3
    assert ask(client, "13700000005", "203.0.113.8").status_code == 302


def test_the_address_limit_counts_the_client_behind_the_proxy(client, world, sms_outbox, settings):
    settings.LINLI_OTP_PER_ADDRESS_PER_HOUR = 1
    settings.LINLI_PROXY_COUNT = 2
    behind = {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 10.0.0.254"}
    assert ask(client, "13900000003", "10.0.0.254", **behind).status_code == 302
    assert ask(client, "13900000005", "10.0.0.254", **behind).status_code == 200
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.2, 10.0.0.254"}
    assert ask(client, "13900000005", "10.0.0.254", **other).status_code == 302


def test_unknown_phone_gets_the_same_answer_and_no_text(client, world, sms_outbox):
    known = ask(client, RESIDENT_PHONE)
    unknown = ask(type(client)(), UNKNOWN_PHONE)

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    said = [[m.message for m in get_messages(r.wsgi_request)] for r in (known, unknown)]
    assert said[0] == said[1] == [otp.sent_message()]
    assert [sms.phone for sms in sms_outbox] == [RESIDENT_PHONE]


def test_unknown_phone_gets_the_same_wrong_code_answer_as_a_known_one(client, world, sms_outbox):
    for phone in (RESIDENT_PHONE, UNKNOWN_PHONE):
        otp.request_code(phone, "10.0.0.1")
    answers = []
    for phone in (RESIDENT_PHONE, UNKNOWN_PHONE):
        with pytest.raises(otp.OtpRefused) as refusal:
            otp.verify_code(phone, "000000" if sms_outbox[0].code != "000000" else "111111")
        answers.append(refusal.value.message)
    assert answers[0] == answers[1] == "验证码不对，还可以再试 4 次。"


def test_an_inactive_users_phone_gets_no_text(client, world, sms_outbox):
    resident = world.users["resident"]
    resident.is_active = False
    resident.save()
    assert ask(client, RESIDENT_PHONE).status_code == 302
    assert sms_outbox == []


def test_codes_are_stored_hashed(world, sms_outbox):
    otp.request_code(RESIDENT_PHONE, "10.0.0.1")
    code = sms_outbox[0].code
    row = OneTimeCode.objects.values().get()
    assert all(code not in str(value) for value in row.values())
    assert OneTimeCode.objects.get().matches(code)


def test_a_landline_gets_a_clear_message_and_keeps_what_was_typed(client, world, sms_outbox):
    response = ask(client, "027-88886666")
    page = response.content.decode()
    assert "请填写11位手机号，固定电话收不到验证码。" in page
    assert 'value="027-88886666"' in page
    assert not OneTimeCode.objects.exists()


def test_a_mistyped_phone_says_what_is_wrong(client, world, sms_outbox):
    page = ask(client, "1390000000").content.decode()
    assert "手机号不对：" in page and "10" in page
    assert 'value="1390000000"' in page


def test_a_code_of_the_wrong_length_is_refused_without_spending_a_try(client, world, sms_outbox):
    ask(client, RESIDENT_PHONE)
    response = enter(client, "12345")
    assert "验证码是 6 位数字，请检查后再输入。" in response.content.decode()
    assert OneTimeCode.objects.get().tries == 0


def test_a_code_typed_in_full_width_digits_with_a_space_is_accepted(client, world, sms_outbox):
    ask(client, RESIDENT_PHONE)
    code = sms_outbox[0].code
    full_width = "".join(chr(ord(d) + 0xFEE0) for d in code)
    enter(client, f"{full_width[:3]} {full_width[3:]}")
    assert logged_in_user_id(client) == str(world.users["resident"].pk)


def test_the_code_page_without_a_phone_sends_you_back_to_the_first_step(client, db):
    response = client.get(reverse("accounts:phone_verify"))
    assert response["Location"] == reverse("accounts:phone_login")


def test_the_code_field_is_numeric_and_offers_the_texted_code(client, world, sms_outbox):
    ask(client, RESIDENT_PHONE)
    page = client.get(reverse("accounts:phone_verify")).content.decode()
    assert 'inputmode="numeric"' in page
    assert 'autocomplete="one-time-code"' in page


def test_a_gateway_failure_is_logged_for_the_operator_not_a_server_error(
    client, world, settings, caplog
):
    settings.LINLI_SMS_BACKEND = "tests.test_accounts_otp.BrokenGateway"

    response = ask(client, RESIDENT_PHONE)

    assert response.status_code == 302
    assert "gateway timed out" in caplog.text
    assert "139****0003" in caplog.text


def test_during_a_gateway_outage_a_registered_phone_looks_the_same_as_an_unknown_one(
    client, world, settings
):
    settings.LINLI_SMS_BACKEND = "tests.test_accounts_otp.BrokenGateway"
    known, unknown = client, type(client)()

    asked = [ask(known, RESIDENT_PHONE), ask(unknown, UNKNOWN_PHONE)]

    assert [(r.status_code, r["Location"]) for r in asked] == [
        (302, reverse("accounts:phone_verify"))
    ] * 2
    said = [[m.message for m in get_messages(r.wsgi_request)] for r in asked]
    assert said == [[otp.sent_message()]] * 2
    # Both codes stay as they were issued, so the next step answers alike too.
    assert OneTimeCode.objects.usable().count() == 2
    guess = next(
        c
        for c in ("000000", "111111")
        if not OneTimeCode.objects.get(phone=RESIDENT_PHONE).matches(c)
    )
    entered = [enter(known, guess), enter(unknown, guess)]
    pages = [r.content.decode() for r in entered]
    assert "验证码不对，还可以再试 4 次。" in pages[0]
    assert "验证码不对，还可以再试 4 次。" in pages[1]
    assert [logged_in_user_id(c) for c in (known, unknown)] == [None, None]


def test_after_the_gateway_recovers_asking_again_sends_a_code_that_works(
    client, world, settings, sms_outbox
):
    settings.LINLI_SMS_BACKEND = "tests.test_accounts_otp.BrokenGateway"
    ask(client, RESIDENT_PHONE)
    settings.LINLI_SMS_BACKEND = "linli.accounts.sms.MemoryBackend"

    ask(client, RESIDENT_PHONE)
    enter(client, sms_outbox[0].code)

    assert logged_in_user_id(client) == str(world.users["resident"].pk)


def test_the_sms_module_reports_a_failed_send_as_sms_error(world, settings):
    from linli.accounts.sms import send_login_code

    settings.LINLI_SMS_BACKEND = "tests.test_accounts_otp.BrokenGateway"
    with pytest.raises(SmsError):
        send_login_code(RESIDENT_PHONE, "123456")


# Two requests carrying the same code reach two app servers at once. Each loads
# the code row before either writes; the conditional UPDATEs decide the winner.


def test_two_simultaneous_verifies_of_one_code_log_in_at_most_once(world, sms_outbox):
    otp.request_code(RESIDENT_PHONE, "10.0.0.1")
    code = sms_outbox[0].code
    first = OneTimeCode.objects.latest_for(RESIDENT_PHONE)
    second = OneTimeCode.objects.latest_for(RESIDENT_PHONE)
    assert first.is_usable and second.is_usable
    assert first.count_try() and second.count_try()
    assert first.matches(code) and second.matches(code)

    assert [first.claim(), second.claim()] == [True, False]
    with pytest.raises(otp.OtpRefused):
        otp.verify_code(RESIDENT_PHONE, code)


def test_simultaneous_guesses_cannot_spend_more_than_five_tries(world, sms_outbox):
    otp.request_code(RESIDENT_PHONE, "10.0.0.1")
    OneTimeCode.objects.update(tries=4)
    first = OneTimeCode.objects.latest_for(RESIDENT_PHONE)
    second = OneTimeCode.objects.latest_for(RESIDENT_PHONE)

    assert [first.count_try(), second.count_try()] == [True, False]
    assert OneTimeCode.objects.get().tries == 5
