"""From a chat message to a draft, and from a confirmed draft to the real thing.

`receive` stores what a group's bot sends, once (a re-sent message meets the
first one's row), with the classifier's draft and triage's priority and reasons.
Nothing else is written then, except for a P1 draft: its alert (linli.chat.alerts)
is queued in the same transaction, so an urgent message is never stored untold.
A person confirms in the inbox:
- a 接龙 becomes a staged import of an open round of the group's building
  (groupbuy.jielong_import.stage), reviewed and confirmed on its own preview;
- a need becomes a Need (channel chat, entered by the confirming person) of the
  household they name, through cases.intake.submit like every other need;
- a health report becomes check-ins (channel proxy) through the health models,
  so that an abnormal reading opens a visit task exactly as anywhere else.
Each confirmation locks the message row: a double tap confirms once.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.scope import Scope
from linli.cases import intake
from linli.cases.choices import Category
from linli.cases.choices import Channel as NeedChannel
from linli.cases.models import Need
from linli.chat import alerts, classify
from linli.chat.choices import Kind, Status
from linli.chat.models import ChatMessage, text_hash
from linli.community.models import Household
from linli.groupbuy import jielong_import
from linli.groupbuy.choices import RoundScope
from linli.groupbuy.jielong.address import find_address
from linli.health.access import can_enter_checkin
from linli.health.choices import Channel as CheckInChannel
from linli.health.coverage import expected_to_check_in
from linli.health.models import CheckIn


class DraftError(Exception):
    """A draft that cannot be confirmed as it stands; the message says why."""


# --- receiving ----------------------------------------------------------------------


def match_household(group, building, unit, room):
    """The one household of the group's community at this address, or None."""
    if not room:
        return None
    households = Household.objects.filter(
        building__compound__community_id=group.community_id, room=room
    )
    if building:
        households = households.filter(building__number__iexact=building)
    elif group.building_id:
        households = households.filter(building_id=group.building_id)
    else:
        return None
    if unit:
        households = households.filter(unit__number=unit)
    found = list(households.select_related("building", "unit")[:2])
    return found[0] if len(found) == 1 else None


def _draft(group, result: classify.Classification) -> dict:
    if result.kind == Kind.JIELONG:
        return {"entries": result.entries}
    if result.kind == Kind.CHECKIN:
        readings = []
        for reading in result.readings:
            home = match_household(group, reading.building, reading.unit, reading.room)
            readings.append(
                reading.as_dict() | {"household": home.pk if home else None,
                                     "address": home.address if home else ""}
            )  # fmt: skip
        return {"readings": readings}
    if result.kind == Kind.NEED:
        return {
            "category": result.category,
            "priority": result.priority,
            "reasons": list(result.reasons),
            "room": result.room,
        }
    return {}


def receive(group, sender: str, text: str, sent_at) -> tuple[ChatMessage, bool]:
    """Store a message and its draft. Returns (the message, whether it is new)."""
    key = {"group": group, "sender": sender, "sent_at": sent_at, "text_hash": text_hash(text)}
    existing = ChatMessage.objects.filter(**key).first()
    if existing is not None:
        return existing, False
    result = classify.classify(text)
    message = ChatMessage(
        **key, text=text, kind=result.kind, crisis=result.crisis, draft=_draft(group, result),
        priority=result.priority, reasons=list(result.reasons),
    )  # fmt: skip
    try:
        with transaction.atomic():
            message.save()
            alerts.urgent_received(message)
    except IntegrityError:
        # The same message from the bot twice at once: the other call stored it.
        return ChatMessage.objects.get(**key), False
    return message, True


# --- confirming ---------------------------------------------------------------------


def _locked(message_pk) -> ChatMessage:
    message = ChatMessage.objects.select_for_update().select_related("group").get(pk=message_pk)
    if message.status != Status.PENDING:
        raise AlreadyDone(message)
    return message


class AlreadyDone(Exception):
    """Confirmed or dismissed already (a double tap, or someone else was quicker)."""

    def __init__(self, message):
        super().__init__(message.pk)
        self.message = message


def _done(message, user, status, model="", pk=""):
    message.status, message.confirmed_by, message.confirmed_at = status, user, timezone.now()
    message.result_model, message.result_pk = model, str(pk)
    message.save()


def dismiss(message_pk, user) -> ChatMessage:
    with transaction.atomic():
        message = _locked(message_pk)
        _done(message, user, Status.DISMISSED)
    return message


def rounds_for(message, scope):
    """Open rounds the user may import into that cover the group's building
    (for a community group: any of the community)."""
    group = message.group
    rounds = jielong_import.importable_rounds(scope).accepting_orders()
    rounds = rounds.filter(community_id=group.community_id)
    if group.building_id:
        building = group.building
        rounds = rounds.filter(
            Q(scope=RoundScope.COMMUNITY)
            | Q(scope=RoundScope.COMPOUND, compound_id=building.compound_id)
            | Q(scope=RoundScope.BUILDINGS, buildings=building)
        ).distinct()
    return rounds.order_by("closes_at", "pk")


def confirm_jielong(message_pk, user, round_pk=None):
    """Stage the 接龙 in an open round; the captain reviews it on the preview."""
    scope = Scope(user)
    with transaction.atomic():
        message = _locked(message_pk)
        rounds = list(rounds_for(message, scope))
        if not rounds:
            raise DraftError(_("这栋楼现在没有正在接单的团购，不能导入接龙。请先开一轮团购。"))
        chosen = (
            rounds[0]
            if not round_pk
            else next((r for r in rounds if str(r.pk) == str(round_pk)), None)
        )
        if chosen is None:
            # A round the form never offered (another building's, closed since):
            # never quietly import into a different one.
            raise DraftError(_("这一轮团购不能导入这条接龙，请重新选择。"))
        staged = jielong_import.stage(chosen, message.text, user, scope)
        if not staged.entries:
            raise DraftError(_("没有读出接龙条目：每户一行，以 1. 2. 3. 编号开头。"))
        _done(message, user, Status.CONFIRMED, "groupbuy.jielongimport", staged.pk)
    return staged


def household_for_room(message, room_text, scope):
    """The household the confirming person names by its room (3-1-201)."""
    hit = find_address(room_text or "")
    if hit is None or not hit[0].room:
        raise DraftError(_("请按 3-1-201 或 3栋1单元201 的格式填写房号。"))
    address = hit[0]
    home = match_household(message.group, address.building, address.unit, address.room)
    allowed = intake.households_for_intake(scope)
    if home is None or not allowed.filter(pk=home.pk).exists():
        raise DraftError(
            _("没有找到这个房号，或不在您负责的范围内：%(room)s") % {"room": room_text}
        )
    return home


def confirm_need(message_pk, user, room_text, category=None) -> Need:
    scope = Scope(user)
    if not intake.may_take_needs(scope):
        raise DraftError(_("您不能登记求助。"))
    with transaction.atomic():
        message = _locked(message_pk)
        household = household_for_room(message, room_text, scope)
        chosen = category if category in Category.values else message.draft.get("category", "")
        need = Need(
            household=household, category=chosen if chosen != Category.OTHER else "",
            text=message.text, contact_name=message.sender[:40], channel=NeedChannel.CHAT,
            entered_by=user,
        )  # fmt: skip
        need, _created = intake.submit(need, f"chat-message-{message.pk}", actor=user)
        _done(message, user, Status.CONFIRMED, "cases.need", need.pk)
    return need


def confirm_checkins(message_pk, user) -> list[CheckIn]:
    """A check-in for each member of each matched household the user may enter for;
    members not expected to check in (dead, in hospital or at an isolation point)
    are left out, and the readings go to those at home, in order."""
    scope = Scope(user)
    with transaction.atomic():
        message = _locked(message_pk)
        readings = [r for r in message.draft.get("readings", []) if r.get("household")]
        homes = Household.objects.in_bulk([r["household"] for r in readings])
        residents, entered, today = [], False, timezone.localdate()
        for reading in readings:
            home = homes.get(reading["household"])
            if home is None or not can_enter_checkin(scope, home):
                continue
            entered = True
            members = list(expected_to_check_in(home.residents.order_by("pk"), today))
            temperatures = [Decimal(t) for t in reading["temperatures"]]
            if not temperatures:
                CheckIn.household_normal(home, by=user, channel=CheckInChannel.PROXY)
            for resident, temperature in zip(members, temperatures, strict=False):
                CheckIn.record(
                    resident, temperature=temperature, channel=CheckInChannel.PROXY, by=user
                )
            residents += members if not temperatures else members[: len(temperatures)]
        if not residents and entered:
            raise DraftError(_("这户的居民今天都不需要打卡，未登记。"))
        if not residents:
            raise DraftError(_("没有可以登记的住户：房号没有找到，或不在您负责的范围内。"))
        made = list(
            CheckIn.objects.filter(resident__in=residents, date=timezone.localdate()).order_by("pk")
        )
        message.draft = message.draft | {"checkins": [c.pk for c in made]}
        _done(message, user, Status.CONFIRMED, "health.checkin", made[0].pk if made else "")
    return made
