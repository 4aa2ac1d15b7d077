"""Needs that other parts of the platform raise or link to (the story's flows).

- A care flag (health: a child or dependent elder left at home when every carer
  was transferred) raises one urgent need, P1, with consent as a protective duty.
- A chronic patient's medicine need links to the household's order in the open
  medicine round.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.cases.choices import Category, Channel, Priority
from linli.cases.models import Need
from linli.community.choices import Tag
from linli.community.models import ResidentTag


def care_flag_key(flag) -> str:
    return f"careflag:{flag.pk}"


def need_for_care_flag(flag) -> Need | None:
    """The urgent need of a newly raised care flag, written once (None if it was)."""
    from linli.cases.intake import open_need
    from linli.health.choices import TransferStage
    from linli.health.models import Transfer
    from linli.health.rules import CHILD_UNDER

    key = care_flag_key(flag)
    if Need.objects.filter(source_key=key).exists():
        return None
    household = flag.household
    away = {
        t.resident_id: t
        for t in Transfer.objects.filter(household=household, stage=TransferStage.TRANSFERRED)
    }
    year = timezone.localdate().year
    left, taken = [], []
    for r in household.residents.order_by("pk"):
        age = year - r.birth_year if r.birth_year else None
        (taken if r.pk in away else left).append((r, age))
    child = any(age is not None and age < CHILD_UNDER for _r, age in left)
    # Stored text, in the site's language whoever's request raised the flag.
    with translation.override(settings.LANGUAGE_CODE):
        text = _left_alone_text(household, left, taken, away)
        reason = _("家中照顾者被转运，留下无人照料的孩子或老人")
    need = Need(
        household=household,
        resident=left[0][0] if len(left) == 1 else None,
        category=Category.CHILD_CARE if child else Category.ELDER_CARE,
        text=text,
        channel=Channel.FLOW,
        consent=True,  # a protective duty: professionals must be able to act on it
        source_key=key,
        created_at=flag.raised_at,
    )
    need.set_priority(Priority.P1, True, [{"code": "left_alone", "text": reason}])
    try:
        with transaction.atomic():
            open_need(need)
    except IntegrityError:
        return None  # raised at the same moment by another request
    return need


def _left_alone_text(household, left, taken, away) -> str:
    def who(people):
        return "、".join(
            f"{r.name}（{age}岁）" if age is not None else r.name for r, age in people
        ) or _("家人")

    where = "、".join(filter(None, (away[r.pk].get_destination_display() for r, _age in taken)))
    return _(
        "%(address)s：家中照顾者 %(taken)s 已被转运%(where)s，留下 %(left)s 在家无人照料。"
        "请尽快安排临时监护人并上门查看。"
    ) % {
        "address": f"{household.building.compound.name} {household.address}",
        "taken": who(taken),
        "where": f"（{where}）" if where else "",
        "left": who(left),
    }


def medicine_round_link(scope, need) -> dict | None:
    """For a chronic patient's medicine need: the open medicine round covering the
    household, its order there if any, and a link the viewer may open (or None)."""
    from linli.groupbuy import access as groupbuy_access
    from linli.groupbuy.choices import RoundKind
    from linli.groupbuy.models import Order, Round

    if need.category != Category.MEDICINE:
        return None
    household = need.household
    chronic = ResidentTag.objects.filter(resident__household=household, tag=Tag.CHRONIC)
    if not chronic.exists():
        return None
    round_ = (
        Round.objects.filter(kind=RoundKind.MEDICINE)
        .open()
        .for_household(household)
        .order_by("-opens_at", "-pk")
        .first()
    )
    if round_ is None:
        return {"round": None, "order": None, "url": None}
    order = Order.objects.filter(round=round_, household=household).first()
    readers = {groupbuy_access.Role.CAPTAIN, groupbuy_access.Role.AREA_LEADER}
    may_open = groupbuy_access.may_read_medicine(scope, round_) or groupbuy_access.may(
        scope, readers, round_.community_id
    )
    url = reverse("groupbuy:medicine", args=[round_.pk]) if may_open else None
    return {"round": round_, "order": order, "url": url}
