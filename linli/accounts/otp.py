"""Phone + one-time code login for residents and captains.

`request_code(phone, address)` issues a code and texts it; `verify_code(phone,
code)` returns the user it logs in. Both raise `OtpRefused` with a message for
the person at the phone.

Limits are counted from `OneTimeCode` rows, not from process memory, so they
hold across several app servers; the count and the new row are written while
holding the phone's and the address's `ThrottleLock`, so simultaneous requests
cannot all slip under a limit. An unknown phone gets a row too (its code is
never sent): the answer, the rate limits and the verify step then behave the
same whether or not a phone is registered, so none of them reveals who lives
here. That includes an SMS gateway outage: a failed send is logged for the
operator, and the person at the phone sees the same answer as for an unknown
phone, whose code is not sent either.
"""

import contextlib
import logging

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from linli.accounts import sms
from linli.accounts.models import OneTimeCode, ThrottleLock, User
from linli.community.phone import PhoneError, is_mobile, mask_phone, normalize_phone

logger = logging.getLogger("linli.accounts")


class OtpRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def sent_message() -> str:
    # The same words whether or not the phone is registered.
    return _("如果这个手机号已在社区登记，验证码已通过短信发出，%(minutes)d 分钟内有效。") % {
        "minutes": settings.LINLI_OTP_TTL_SECONDS // 60
    }


def mobile_number(raw) -> str:
    try:
        phone = normalize_phone(raw)
    except PhoneError as error:
        raise OtpRefused(_("手机号不对：%(reason)s") % {"reason": error.reason.render(_)}) from None
    if not phone:
        raise OtpRefused(_("请填写手机号。"))
    if not is_mobile(phone):
        raise OtpRefused(_("请填写11位手机号，固定电话收不到验证码。"))
    return phone


def _check_rate_limits(phone, address):
    last_hour = OneTimeCode.objects.recent(minutes=60)
    per_phone = settings.LINLI_OTP_PER_PHONE_PER_HOUR
    if last_hour.filter(phone=phone).count() >= per_phone:
        raise OtpRefused(
            _("这个手机号一小时内已获取 %(count)d 次验证码，请一小时后再试。")
            % {"count": per_phone}
        )
    if address and last_hour.filter(address=address).count() >= (
        settings.LINLI_OTP_PER_ADDRESS_PER_HOUR
    ):
        raise OtpRefused(_("从这个网络获取验证码的次数太多了，请一小时后再试。"))


def request_code(raw_phone, address: str | None) -> str:
    """Issue and send a code; returns the normalized phone."""
    phone = mobile_number(raw_phone)
    keys = [f"otp-phone:{phone}"] + ([f"otp-address:{address}"] if address else [])
    with ThrottleLock.held(*keys):
        _check_rate_limits(phone, address)
        # Only the newest code counts: an older one may sit in a lost SMS.
        OneTimeCode.objects.usable().filter(phone=phone).update(expires_at=timezone.now())
        code = OneTimeCode.issue(phone, address)[1]
    # Sent after the locks are released: a slow gateway must not hold up others.
    # An unregistered phone takes the same steps, ending in a backend that sends
    # nothing, so that neither the answer nor the work done reveals who lives here.
    registered = User.objects.filter(phone=phone, is_active=True).exists()
    # A failure is already logged with its reason. Saying "not sent" would tell
    # anyone that this phone is registered, since an unknown phone's code is
    # never sent and so never fails; the code row stays as it is for the same
    # reason. The person asks again ("没收到？重新发送").
    with contextlib.suppress(sms.SmsError):
        sms.send_login_code(phone, code, deliver=registered)
    return phone


def _refusal_for(otp) -> OtpRefused:
    if otp.used_at is not None:
        return OtpRefused(_("这个验证码已经用过了，请重新获取。"))
    if otp.tries_left == 0:
        return OtpRefused(_("输错次数太多，这个验证码已作废，请重新获取。"))
    return OtpRefused(
        _("验证码已过期（%(minutes)d 分钟内有效），请重新获取。")
        % {"minutes": settings.LINLI_OTP_TTL_SECONDS // 60}
    )


def verify_code(phone: str, code: str) -> User:
    """The active user whose phone this is, if `code` is its newest usable code."""
    otp = OneTimeCode.objects.latest_for(phone)
    if otp is None:
        raise OtpRefused(_("请先获取验证码。"))
    # Every attempt spends a try before the code is compared, so parallel
    # guesses cannot exceed the limit.
    if not otp.count_try():
        raise _refusal_for(otp)
    user = User.objects.filter(phone=phone, is_active=True).first()
    if user is None or not otp.matches(code):
        left = otp.tries_left
        if left == 0:
            raise _refusal_for(otp)
        raise OtpRefused(
            ngettext(
                "验证码不对，还可以再试 %(left)d 次。", "验证码不对，还可以再试 %(left)d 次。", left
            )
            % {"left": left}
        )
    if not otp.claim():
        # Another request with the same code won the race and is logged in.
        raise OtpRefused(_("这个验证码已经用过了，请重新获取。"))
    logger.info("phone login for %s", mask_phone(phone))
    return user
