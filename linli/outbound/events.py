"""Who hears about what, and in which words. One function per event; the apps'
hooks (notices.outbound, cases.notify, the VisitTask signal) call these.

What leaves Linli is short and says no more than its reader may know: a chat
group is not private, so it hears that a home needs a visit or that a need is
overdue (with its priority) and a link, never which home nor anything of the
reading; the link leads to a page that checks who is asking. The captains of
the building hear the address by SMS or e-mail.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.accounts.choices import Role
from linli.accounts.models import User
from linli.outbound.channels import settings_robots
from linli.outbound.choices import ChannelName, Event
from linli.outbound.dispatch import Outgoing, enqueue
from linli.outbound.models import Delivery, WebhookTarget

logger = logging.getLogger("linli.outbound")
SMS, EMAIL, WECOM = ChannelName.SMS, ChannelName.EMAIL, ChannelName.WECOM
PREVIEW_CHARS = 300
# How far back `catch_up` looks for events whose hook never ran.
CATCH_UP = timedelta(hours=1)


def link(name, *args) -> str:
    return settings.LINLI_BASE_URL.rstrip("/") + reverse(name, args=args)


def robots(community_id, buildings=None, whole_community=True) -> list[str]:
    """Names of the active robots: the community's own group (whole_community) and
    those of `buildings`; when none of them applies, the settings' default robots
    of a one-community install (channels.settings_robots)."""
    wanted = Q(building__isnull=True) if whole_community else Q(pk__in=[])
    if buildings is not None:
        wanted |= Q(building__in=buildings)
    names = list(
        WebhookTarget.objects.filter(wanted, community_id=community_id, active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    if names:
        return names
    if settings.LINLI_WECOM_WEBHOOKS and not settings_robots():
        logger.warning(
            "community %s has no chat robot of its own; LINLI_WECOM_WEBHOOKS is not used "
            "once there is more than one community",
            community_id,
        )
    return list(settings_robots())


def to_person(user, body, subject) -> list[Outgoing]:
    """A worker, supervisor or captain: by e-mail if they have one, and by SMS."""
    out = []
    if user.email:
        out.append(Outgoing(EMAIL, user.email, body, subject))
    if user.phone:
        out.append(Outgoing(SMS, user.phone, _("【邻里】") + body))
    return out


def _trim(text, size=PREVIEW_CHARS) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def announcement(a) -> int:
    from linli.notices.choices import Priority, Reach

    with translation.override(settings.LANGUAGE_CODE):
        url = link("notices:detail", a.pk)
        out = []
        if a.priority == Priority.URGENT:
            text = _("【邻里】紧急通知：%(title)s。详情：%(url)s") % {"title": a.title, "url": url}
            phones = a.audience().exclude(phone="").values_list("phone", flat=True).distinct()
            out += [Outgoing(SMS, phone, text) for phone in phones.order_by("phone")]
        # Community-wide: the community's own group and every building's group.
        whole = a.reach == Reach.COMMUNITY
        heading = _("【%(priority)s通知】%(title)s") % {
            "priority": Priority(a.priority).label,
            "title": a.title,
        }
        text = f"{heading}\n{_trim(a.body)}\n{url}"
        mentions = ("@all",) if a.priority == Priority.URGENT else ()
        out += [
            Outgoing(WECOM, name, text, heading, mentions)
            for name in robots(a.community_id, a.audience_buildings(), whole_community=whole)
        ]
    return enqueue(Event.ANNOUNCEMENT, a, out, community=a.community)


def need_overdue(need) -> int:
    from linli.cases.choices import Priority
    from linli.cases.models import Professional

    household = need.household
    community_id = household.building.compound.community_id
    with translation.override(settings.LANGUAGE_CODE):
        url = link("cases:need", need.pk)
        subject = _("需求超时未响应（P%(priority)s）") % {"priority": need.priority}
        body = _("%(address)s 的 P%(priority)s 需求已超时未响应，请尽快分派：%(url)s") % {
            "address": household.address,
            "priority": need.priority,
            "url": url,
        }
        supervisors = Professional.objects.filter(
            is_supervisor=True, active=True, communities=community_id
        ).select_related("user")
        out = [o for p in supervisors for o in to_person(p.user, body, subject)]
        # The group hears that something is late, not where: the page tells those allowed.
        group = _("有一条 P%(priority)s 需求已超时未响应，请督导尽快处理：%(url)s") % {
            "priority": need.priority,
            "url": url,
        }
        out += [Outgoing(WECOM, name, group, subject) for name in robots(community_id)]
    community = household.building.compound.community
    # A crisis cannot wait for the next minute's run: P1 goes out at once too.
    return enqueue(Event.NEED_OVERDUE, need, out, community, at_once=need.priority == Priority.P1)


def visit_task(task) -> int:
    household = task.household
    building = household.building
    with translation.override(settings.LANGUAGE_CODE):
        text = _("%(address)s 需要上门查看：%(url)s") % {
            "address": household.address,
            "url": link("health:visit", task.pk),
        }
        subject = _("%(address)s 需要上门查看") % {"address": household.address}
        captains = User.objects.filter(
            is_active=True, memberships__role=Role.CAPTAIN, memberships__buildings=building
        ).distinct()
        out = [o for user in captains.order_by("pk") for o in to_person(user, text, subject)]
        community_id = building.compound.community_id
        # A group is not private, and "this home needs a visit" after a reading says
        # "fever here": the group hears that a visit is due, not where (as for needs).
        group = _("有一户居民需要上门查看，请楼栋长尽快处理：%(url)s") % {
            "url": link("health:visit", task.pk)
        }
        group_subject = _("有一户居民需要上门查看")
        out += [Outgoing(WECOM, name, group, group_subject) for name in robots(community_id)]
    return enqueue(Event.VISIT_TASK, task, out, community=building.compound.community)


def catch_up(now=None) -> int:
    """Queue the events of the last hour whose hook never ran.

    Announcements and escalations call their hook just after their own commit;
    a process that dies in between would lose the message. The sender runs
    this first each minute; the unique key makes it a no-op when all is well.
    """
    from linli.cases.models import Need
    from linli.notices.models import Announcement

    now = now or timezone.now()
    written = 0

    def queued(event):
        # Deliveries are written after their event, so the window bounds them too.
        recent = Delivery.objects.filter(event=event, created_at__gte=now - 2 * CATCH_UP)
        return recent.values("object_id")

    announcements = Announcement.objects.filter(
        # A minute's grace: the publishing request may still be saving its buildings.
        published_at__range=(now - CATCH_UP, now - timedelta(minutes=1))
    ).exclude(pk__in=queued(Event.ANNOUNCEMENT))
    for a in announcements.select_related("community"):
        written += announcement(a)
    # Open ones only (the status index): once someone responded, the alarm is moot.
    needs = (
        Need.objects.open()
        .filter(escalated_at__gte=now - CATCH_UP)
        .exclude(pk__in=queued(Event.NEED_OVERDUE))
    )
    for need in needs.select_related("household__building__compound__community", "household__unit"):
        written += need_overdue(need)
    return written


def test_robot(target) -> Delivery:
    """Staff check a robot they just added: a test message sent now, again on each press."""
    from linli.outbound.choices import Status
    from linli.outbound.dispatch import send_due
    from linli.outbound.models import object_type

    with translation.override(settings.LANGUAGE_CODE):
        body = _("【邻里】测试消息：“%(name)s”已连接，通知会发到这个群。") % {"name": target.name}
    delivery, _created = Delivery.objects.update_or_create(
        event=Event.TEST, object_type=object_type(target), object_id=target.pk,
        channel=WECOM, recipient=target.name,
        defaults={"body": body, "community_id": target.community_id, "status": Status.PENDING,
                  "attempts": 0, "next_attempt_at": timezone.now(), "last_error": ""},
    )  # fmt: skip
    send_due(Delivery.objects.filter(pk=delivery.pk), limit=1)
    delivery.refresh_from_db()
    return delivery
