"""Urgent chat drafts: who hears of one at once, and who hears when it waits too long.

A message triage screens as P1 ("邻居说她不想活了", "我爸昏迷了") must not sit unseen in
the inbox until someone happens to look. On arrival its community's staff (who confirm
drafts) and supervisors are told, and so is the community's chat-group robot; if it is
still unconfirmed past the P1 response deadline, the supervisors and the robot are told
again, once (`linli escalate_needs`). The same paths as an overdue need
(linli.outbound.events.need_overdue): e-mail and SMS to each person, the robot, P1 sent
at once. No message says who wrote, where or what: a link leads to a page that checks
who is asking (the inbox, or for supervisors the dashboard).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.accounts.choices import Role
from linli.accounts.models import User
from linli.cases.choices import Priority
from linli.chat.choices import AlertKind
from linli.chat.models import ChatAlert, ChatMessage
from linli.outbound.choices import Event
from linli.outbound.dispatch import Outgoing, enqueue
from linli.outbound.events import WECOM, link, robots, to_person

logger = logging.getLogger(__name__)


def p1_deadline_passed(now):
    """Drafts received before this have waited longer than a P1 need may."""
    return now - timedelta(minutes=settings.LINLI_RESPONSE_MINUTES[Priority.P1 - 1])


def _staff(community_id):
    return (
        User.objects.filter(
            is_active=True, memberships__role=Role.STAFF, memberships__community=community_id
        )
        .distinct()
        .order_by("pk")
    )


def _supervisors(community_id):
    from linli.cases.models import Professional

    return (
        Professional.objects.filter(
            is_supervisor=True, active=True, communities=community_id, user__is_active=True
        )
        .select_related("user")
        .order_by("pk")
    )


def _queue(alert, staff_text, supervisor_text, group_text, subject, with_staff) -> int:
    group = alert.message.group
    community_id = group.community_id
    out, told = [], set()
    if with_staff:
        for user in _staff(community_id):
            out += to_person(user, staff_text, subject)
            told.add(user.pk)
    # A supervisor who is also staff already has the inbox's link.
    for pro in _supervisors(community_id):
        if pro.user_id not in told:
            out += to_person(pro.user, supervisor_text, subject)
    out += [Outgoing(WECOM, name, group_text, subject) for name in robots(community_id)]
    return enqueue(Event.CHAT_URGENT, alert, out, group.community, at_once=True)


def _texts(message, late: bool) -> dict:
    inbox, dashboard = link("chat:inbox"), link("cases:dashboard")
    where = {"group": message.group.name}
    if late:
        subject = _("群里的紧急求助超时未确认（P1）")
        person = _("“%(group)s”里的一条 P1 紧急求助已超时仍未确认，请督促处理：%(url)s")
        group = _("有一条紧急求助超时未处理，请督导尽快处理：%(url)s")
    else:
        subject = _("群里有一条紧急求助待处理（P1）")
        person = _("“%(group)s”里有一条 P1 紧急求助待确认，请尽快处理：%(url)s")
        group = _("有一条紧急求助待处理，请社区工作人员尽快查看：%(url)s")
    return {
        "staff_text": person % (where | {"url": inbox}),
        "supervisor_text": person % (where | {"url": dashboard}),
        # The group is not private: no group name (it says which building), no sender, no text.
        "group_text": group % {"url": inbox},
        "subject": subject,
    }


def urgent_received(message) -> int:
    """A new message screened P1: tell staff, supervisors and the community's robot now.
    Called in the transaction that stores the message; returns how many were queued."""
    if not message.is_urgent:
        return 0
    alert = ChatAlert.objects.create(message=message, kind=AlertKind.URGENT)
    with translation.override(settings.LANGUAGE_CODE):
        queued = _queue(alert, **_texts(message, late=False), with_staff=True)
    logger.warning(
        "urgent chat message %s in group %s, community %s: %d notices queued",
        message.pk, message.group_id, message.group.community_id, queued,
    )  # fmt: skip
    return queued


def escalate_overdue(now=None) -> int:
    """Urgent drafts still unconfirmed past the P1 deadline: tell the supervisors and
    the robot, each draft once however often this runs (the alert's unique key).
    Returns how many drafts were escalated.

    Only drafts told at once on arrival: those stored before urgent drafts
    existed (the migration screened them) are on the dashboard's count, and
    escalating them all on the first run would flood every supervisor."""
    now = now or timezone.now()
    due = (
        ChatMessage.objects.urgent()
        .filter(received_at__lt=p1_deadline_passed(now), alerts__kind=AlertKind.URGENT)
        .exclude(alerts__kind=AlertKind.ESCALATED)
        .select_related("group")
        .order_by("received_at", "pk")
    )
    count = 0
    for message in due:
        with transaction.atomic():
            # The row lock that confirming and dismissing take: one settled meanwhile is left.
            locked = ChatMessage.objects.select_for_update().urgent().filter(pk=message.pk)
            if not list(locked.values_list("pk", flat=True)):
                continue
            alert, created = ChatAlert.objects.get_or_create(
                message=message, kind=AlertKind.ESCALATED, defaults={"at": now}
            )
            if not created:
                continue  # another run escalated it a moment ago
            with translation.override(settings.LANGUAGE_CODE):
                queued = _queue(alert, **_texts(message, late=True), with_staff=False)
        count += 1
        logger.warning(
            "urgent chat message %s escalated: unconfirmed since %s, community %s, %d queued",
            message.pk, message.received_at.isoformat(), message.group.community_id, queued,
        )  # fmt: skip
    return count
