"""The pluggable SMS backends."""

import logging

from linli.accounts.sms import LogBackend, MemoryBackend, get_backend, send_login_code


def test_the_default_backend_writes_the_full_code_to_the_log_with_a_masked_phone(settings, caplog):
    settings.LINLI_SMS_BACKEND = "linli.accounts.sms.LogBackend"
    with caplog.at_level(logging.INFO, logger="linli.sms"):
        send_login_code("13900000001", "123456")
    [record] = [r for r in caplog.records if r.name == "linli.sms"]
    assert record.levelno == logging.INFO
    assert record.getMessage() == "login code for 139****0001: 123456"


def test_get_backend_loads_the_configured_class(settings):
    settings.LINLI_SMS_BACKEND = "linli.accounts.sms.MemoryBackend"
    assert isinstance(get_backend(), MemoryBackend)
    assert isinstance(get_backend("linli.accounts.sms.LogBackend"), LogBackend)


def test_the_text_tells_the_resident_the_code_and_how_long_it_lasts(sms_outbox):
    send_login_code("13900000001", "654321")
    [sms] = sms_outbox
    assert sms.phone == "13900000001"
    assert sms.text == "【邻里】您的登录验证码是 654321，5 分钟内有效。请勿告诉他人。"
