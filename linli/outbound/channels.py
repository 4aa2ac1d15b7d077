"""The ways a message leaves Linli. Each channel's `send(delivery)` returns when
the message was accepted and raises ChannelError otherwise; the dispatcher
decides what a failure means (retry later, or give up and tell a person).

- email: Django's mail (EMAIL_* settings, see docs/operations.md).
- sms: the foundation's SMS backend (LINLI_SMS_BACKEND), the one login codes use.
- wecom: a WeCom (企业微信) group robot, by POSTing its JSON to the robot's URL.

`LINLI_OUTBOUND_CHANNELS` says which are on; nothing is queued for the others.
"""

import http.client
import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail

from linli.accounts.sms import Sms, SmsError, get_backend
from linli.community.phone import mask_phone
from linli.outbound.choices import ChannelName

logger = logging.getLogger("linli.outbound")

WECOM_TIMEOUT_SECONDS = 5
# WeCom caps a text message at 2048 bytes; stay well under it.
WECOM_MAX_CHARS = 600


class ChannelError(Exception):
    """The message was not accepted; the text says why, for the staff page."""


class Channel:
    name: str

    def send(self, delivery) -> None:
        raise NotImplementedError


class EmailChannel(Channel):
    name = ChannelName.EMAIL

    def send(self, delivery) -> None:
        try:
            send_mail(delivery.subject or delivery.body[:40], delivery.body, None,
                      [delivery.recipient], fail_silently=False)  # fmt: skip
        except Exception as error:  # SMTP, socket and header errors alike
            raise ChannelError(f"{type(error).__name__}: {error}") from error


class SmsChannel(Channel):
    name = ChannelName.SMS

    def send(self, delivery) -> None:
        # Sms.code is for login codes; a notice has none.
        message = Sms(phone=delivery.recipient, text=delivery.body, code="")

        def masked(text):
            # Gateways name the number they refuse; the error is logged and shown.
            return text.replace(delivery.recipient, mask_phone(delivery.recipient))

        try:
            get_backend().send(message)
        except SmsError as error:
            raise ChannelError(masked(str(error)) or "SmsError") from error
        except Exception as error:  # a gateway's own exceptions
            raise ChannelError(masked(f"{type(error).__name__}: {error}")) from error
        logger.info("sms notice %s sent to %s", delivery.pk, mask_phone(delivery.recipient))


def wecom_payload(delivery) -> dict:
    text = {"content": delivery.body[:WECOM_MAX_CHARS]}
    if delivery.mentions:
        text["mentioned_mobile_list"] = list(delivery.mentions)
    return {"msgtype": "text", "text": text}


def settings_robots() -> dict[str, str]:
    """The robots of `LINLI_WECOM_WEBHOOKS`, while only one community exists.

    They belong to no community, so with a second one they would carry each
    community's notices into the other's group; from then on each community
    needs robots of its own (/outbound/robots/), and these are not used.
    """
    from linli.community.models import Community

    robots = settings.LINLI_WECOM_WEBHOOKS
    if robots and Community.objects.all()[:2].count() > 1:
        return {}
    return robots


def webhook_url(name: str) -> str | None:
    """The robot's URL: an active WebhookTarget of that name, else the settings default."""
    from linli.outbound.models import WebhookTarget

    target = WebhookTarget.objects.filter(name=name, active=True).values_list("url", flat=True)
    return target.first() or settings_robots().get(name)


class WeComChannel(Channel):
    name = ChannelName.WECOM

    def send(self, delivery) -> None:
        url = webhook_url(delivery.recipient)
        if not url and delivery.recipient in settings.LINLI_WECOM_WEBHOOKS:
            # Queued while there was one community; say why, for the staff page.
            raise ChannelError(
                f"robot {delivery.recipient!r} of LINLI_WECOM_WEBHOOKS serves an install of "
                "one community only: add the community's own robot"
            )
        if not url:
            raise ChannelError(f"no active robot named {delivery.recipient!r}")
        # Errors never quote the URL: its key would end up on a page and in logs.
        try:
            request = urllib.request.Request(
                url,
                data=json.dumps(wecom_payload(delivery), ensure_ascii=False).encode(),
                headers={"Content-Type": "application/json; charset=utf-8"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=WECOM_TIMEOUT_SECONDS) as response:
                raw = response.read(64 * 1024)
        except urllib.error.HTTPError as error:
            raise ChannelError(f"HTTP {error.code}") from error
        except (http.client.InvalidURL, ValueError):  # both quote the URL whole
            raise ChannelError(f"robot {delivery.recipient!r}: not a usable URL") from None
        except (TimeoutError, urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ChannelError(f"{type(error).__name__}: {reason}") from error
        try:
            answer = json.loads(raw)
            code, message = answer.get("errcode"), answer.get("errmsg", "")
        except (ValueError, AttributeError):
            raise ChannelError(f"not a WeCom answer: {raw[:100]!r}") from None
        if code != 0:
            raise ChannelError(f"errcode {code}: {message}")


CHANNELS = {c.name: c for c in (EmailChannel, SmsChannel, WeComChannel)}


def enabled() -> set[str]:
    return set(settings.LINLI_OUTBOUND_CHANNELS)


def get_channel(name: str) -> Channel:
    return CHANNELS[name]()
