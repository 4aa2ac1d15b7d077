"""Queue messages with the event that causes them, and send what is due.

`enqueue` writes Delivery rows in the caller's transaction. `send_due` takes one
due row at a time with SELECT … FOR UPDATE SKIP LOCKED, counts the attempt and
moves its next attempt into the future before letting go of the lock, and only
then talks to the channel: two workers never take the same row, no database
lock is held during a slow gateway, and a worker that dies mid-send leaves a
row that is simply tried again later (at least once, never silently dropped).
"""

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from linli.community.phone import mask_phone
from linli.outbound import channels
from linli.outbound.choices import ChannelName, Status
from linli.outbound.models import Delivery, object_type
from linli.outbound.policy import gives_up, retry_delay

logger = logging.getLogger("linli.outbound")


@dataclass(frozen=True)
class Outgoing:
    """One message to one recipient over one channel."""

    channel: str
    recipient: str
    body: str
    subject: str = ""
    mentions: tuple = field(default=())


def shown(channel, recipient) -> str:
    """The recipient as logs and pages show it: phones masked."""
    return mask_phone(recipient) if channel == ChannelName.SMS else recipient


def enqueue(event, obj, outgoing, community=None, at_once=False) -> int:
    """Queue `outgoing` for `obj`; returns how many rows the call wrote.

    Channels that are off are skipped; a recipient already queued for this
    event and object is skipped too, so calling this twice sends nothing twice.
    `at_once`: also try sending right after the commit (the queue retries).
    """
    on = channels.enabled()
    rows = [
        Delivery(
            channel=o.channel,
            recipient=o.recipient,
            subject=o.subject[:200],
            body=o.body,
            mentions=list(o.mentions),
            event=event,
            object_type=object_type(obj),
            object_id=obj.pk,
            community=community,
        )  # fmt: skip
        for o in dict.fromkeys(outgoing)  # the same person twice (two roles): once
        if o.channel in on and o.recipient
    ]
    if not rows:
        return 0
    with transaction.atomic():
        before = Delivery.objects.of(event, obj).count()
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        written = Delivery.objects.of(event, obj).count() - before
        if at_once and settings.LINLI_OUTBOUND_AT_ONCE:
            transaction.on_commit(lambda: send_at_once(event, obj))
    return written


def send_at_once(event, obj) -> None:
    """Send `obj`'s deliveries now; whatever fails stays queued for the worker."""
    try:
        send_due(Delivery.objects.of(event, obj))
    except Exception:
        # After the commit, in someone else's request or command: log, never raise.
        logger.exception("sending %s %s at once failed; the queue will retry", event, obj.pk)


def send_due(queryset=None, limit=1000) -> Counter:
    """Send up to `limit` due deliveries (of `queryset`, else all); counts by outcome."""
    outcomes = Counter()
    for _ in range(limit):
        delivery = _claim(queryset)
        if delivery is None:
            break
        outcomes[attempt(delivery)] += 1
    return outcomes


def _claim(queryset):
    now = timezone.now()
    with transaction.atomic():
        due = (queryset if queryset is not None else Delivery.objects.all()).due(now)
        delivery = due.select_for_update(skip_locked=True).order_by("next_attempt_at", "pk").first()
        if delivery is None:
            return None
        # The attempt is counted before sending: if this process dies mid-send
        # the row comes back after the delay instead of looping at once.
        delivery.attempts += 1
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def attempt(delivery) -> str:
    """Send a claimed delivery and record the outcome: sent, retry or failed."""
    try:
        channels.get_channel(delivery.channel).send(delivery)
    except channels.ChannelError as error:
        return _failed(delivery, str(error))
    except Exception as error:  # a bug in a channel must not stop the others
        logger.exception("outbound delivery %s: unexpected error", delivery.pk)
        return _failed(delivery, f"{type(error).__name__}: {error}")
    delivery.status, delivery.sent_at, delivery.last_error = Status.SENT, timezone.now(), ""
    delivery.save(update_fields=["status", "sent_at", "last_error"])
    return "sent"


def _failed(delivery, error: str) -> str:
    delivery.last_error = error[:1000]
    who = shown(delivery.channel, delivery.recipient)
    if gives_up(delivery.attempts):
        delivery.status = Status.FAILED
        delivery.save(update_fields=["status", "last_error"])
        logger.error(
            "outbound delivery %s (%s to %s, %s) gave up after %d attempts: %s",
            delivery.pk, delivery.channel, who, delivery.event, delivery.attempts, error,
        )  # fmt: skip
        return "failed"
    delivery.save(update_fields=["last_error"])
    logger.warning(
        "outbound delivery %s (%s to %s) attempt %d failed, next at %s: %s",
        delivery.pk, delivery.channel, who, delivery.attempts,
        timezone.localtime(delivery.next_attempt_at).strftime("%H:%M"), error,
    )  # fmt: skip
    return "retry"


def retry_now(delivery) -> str:
    """A person asked to try again (the gateway is back, the robot's URL fixed):
    an attempt now, and a failed delivery gets a fresh round of retries."""
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().filter(pk=delivery.pk).first()
        if locked is None or locked.status == Status.SENT:
            return "sent"
        if locked.status == Status.FAILED:
            locked.status, locked.attempts = Status.PENDING, 0
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "next_attempt_at", "attempts"])
    outcomes = send_due(Delivery.objects.filter(pk=delivery.pk), limit=1)
    # Nothing claimed: another worker is sending it this very moment.
    return next(iter(outcomes), "busy")
