"""Sending login codes by SMS through a pluggable backend, like Django's email backends.

`settings.LINLI_SMS_BACKEND` names the class. The default, `LogBackend`, writes
the full code to the `linli.sms` log at INFO: that is how a demo or a community
without an SMS contract gets its codes (the worker reads the server log and
tells the resident). `MemoryBackend` keeps what was sent in `outbox` for tests.
A real gateway subclasses `BaseBackend` and raises `SmsError` when it fails.
`NullBackend` sends nothing: a code asked for an unregistered phone goes to it,
so that asking takes the same steps whether or not the phone is registered.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from linli.community.phone import mask_phone

logger = logging.getLogger("linli.sms")


class SmsError(Exception):
    """The message could not be sent; the user is asked to try again later."""


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str
    code: str


class BaseBackend:
    def send(self, message: Sms) -> None:
        raise NotImplementedError


class LogBackend(BaseBackend):
    def send(self, message: Sms) -> None:
        logger.info("login code for %s: %s", mask_phone(message.phone), message.code)


class NullBackend(BaseBackend):
    def send(self, message: Sms) -> None:
        logger.info("login code for unregistered %s: not sent", mask_phone(message.phone))


class MemoryBackend(BaseBackend):
    # Class-level so a test can read what any instance sent; tests empty it.
    outbox: list[Sms] = []

    def send(self, message: Sms) -> None:
        MemoryBackend.outbox.append(message)


def get_backend(path: str | None = None) -> BaseBackend:
    return import_string(path or settings.LINLI_SMS_BACKEND)()


def send_login_code(phone: str, code: str, *, deliver: bool = True) -> Sms:
    """Text `code` to `phone`; with `deliver=False` every step but the sending."""
    minutes = settings.LINLI_OTP_TTL_SECONDS // 60
    text = _("【邻里】您的登录验证码是 %(code)s，%(minutes)d 分钟内有效。请勿告诉他人。") % {
        "code": code,
        "minutes": minutes,
    }
    message = Sms(phone=phone, text=text, code=code)
    try:
        # The configured backend is loaded either way, so that an unregistered
        # phone costs the same work up to the gateway call itself.
        backend = get_backend()
        (backend if deliver else NullBackend()).send(message)
    except Exception as error:
        # A gateway outage must reach the user as "try again later", not a 500,
        # and the operator needs the reason.
        logger.exception("sending a login code to %s failed", mask_phone(phone))
        if isinstance(error, SmsError):
            raise
        raise SmsError(str(error)) from error
    return message
