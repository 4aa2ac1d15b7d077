"""Placing and cancelling orders: the one way an order is written, whoever enters it.

Residents on their phone, captains and workers on behalf (代办), a pasted 接龙
post and the API all call `place_order`. It enforces the cut-off on the server
and is safe under concurrency and double taps:

- one transaction that first locks the round row, so an order and a concurrent
  close (or reopen) are seen in one order: an order either commits before the
  close or is refused after it, and a tally read after the close misses none;
- the (round, household) unique constraint, met with get_or_create and one
  retry on IntegrityError, so two simultaneous first submissions of one
  household make one order, the second replacing the first's lines.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.choices import Role
from linli.accounts.scope import Scope
from linli.community.models import Household
from linli.groupbuy.choices import Channel, RoundState
from linli.groupbuy.models import Order, OrderLine, Product, Round
from linli.groupbuy.orderlines import MAX_LINES, MAX_QUANTITY, LineProblem, merge_lines

# Who enters orders: residents for their own household, captains, area leaders
# and staff for the households in their scope (代办). The property office buys,
# suppliers sell and volunteers carry; none of them orders for a household.
ORDER_TAKERS = (Role.RESIDENT, Role.CAPTAIN, Role.AREA_LEADER, Role.STAFF)


def households_for_ordering(scope):
    """The households this user may order for: their scope, if their role takes orders."""
    if not (scope.is_superuser or scope.has_role(*ORDER_TAKERS)):
        return Household.objects.none()
    takers = [m for m in scope.memberships if m.role in ORDER_TAKERS]
    if scope.is_superuser or len(takers) == len(scope.memberships):
        return scope.filter(Household)
    # Someone who is also, say, the property office orders only through the
    # roles that take orders.
    narrowed = Scope(scope.user)
    narrowed.memberships = takers
    return narrowed.filter(Household)


def channel_for(scope, household) -> str:
    """A resident's own order is self-service; anyone else's is 代办."""
    return Channel.SELF if household.pk in scope.household_ids else Channel.PROXY


class OrderRefused(Exception):
    """An order the server will not take. `code` is stable for machines (the API
    answers with it), the message is for people, in the active language."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message

    def __str__(self):
        return self.message


# How far before its handling a submission may say it reached the site. A queue
# at the cut-off is seconds long; more than this is a clock or proxy fault.
MAX_QUEUE_WAIT = dt.timedelta(seconds=30)


def submitted_at(request):
    """When the submission reached the site, which is what the cut-off judges.

    At the cut-off hundreds of households press at once and wait their turn in
    the app servers' queue; judged by the moment a worker picks it up, an order
    sent a second early is refused. Behind nginx (LINLI_PROXY_COUNT > 0) the
    proxy stamps the arrival, `proxy_set_header X-Request-Start "t=${msec}"`,
    overwriting anything a client sent; without a proxy the header is the
    client's own word and is ignored. The stamp counts only within
    MAX_QUEUE_WAIT before now, and never after it.
    """
    now = timezone.now()
    if settings.LINLI_PROXY_COUNT <= 0:
        return now
    stamp = request.META.get("HTTP_X_REQUEST_START", "").strip().removeprefix("t=")
    try:
        arrived = dt.datetime.fromtimestamp(float(stamp), dt.UTC)
    except (ValueError, OverflowError, OSError):
        return now
    return arrived if now - MAX_QUEUE_WAIT <= arrived <= now else now


def when(moment) -> str:
    """2月20日 18:00, in the community's time zone."""
    local = timezone.localtime(moment)
    return _("%(month)s月%(day)s日 %(time)s") % {
        "month": local.month,
        "day": local.day,
        "time": local.strftime("%H:%M"),
    }


def refusal_for_round(round: Round, now) -> OrderRefused | None:
    """Why `round` takes no order at `now`, or None when it does."""
    if round.accepts_orders(now):
        return None
    if round.state == RoundState.OPEN and now < round.opens_at:
        return OrderRefused(
            "round_not_open",
            _("还没开始接单（%(when)s 开始），请到时再来") % {"when": when(round.opens_at)},
        )
    return OrderRefused(
        "round_closed",
        _("已截单（%(when)s），不能再下单；如有需要请联系社区工作者")
        % {"when": when(round.closes_at)},
    )


def _line_refusal(problem: LineProblem) -> OrderRefused:
    product = str(problem.product or "")
    messages = {
        "bad_quantity": _("“%(product)s”的数量不对：请填大于0的数，最多两位小数"),
        "too_many": _("“%(product)s”数量太多：每样最多%(max)s"),
        "empty": _("订单里还没有商品"),
        "too_many_lines": _("一个订单最多%(lines)s样商品"),
    }
    message = messages[problem.code] % {
        "product": product,
        "max": f"{MAX_QUANTITY:g}",
        "lines": MAX_LINES,
    }
    return OrderRefused(problem.code, message)


def _check_household(round: Round, household):
    if not Round.objects.for_household(household).filter(pk=round.pk).exists():
        raise OrderRefused("out_of_scope", _("这一户不在本批次的范围内"))


def _check_products(round: Round, products):
    """A round with suppliers sells only what they offer; one without takes the catalog."""
    wanted = {p.pk for p in products}
    offered = set(
        Product.objects.filter(offers__supplier__rounds=round, pk__in=wanted)
        .values_list("pk", flat=True)
        .distinct()
    )
    # The usual case costs one query; the supplier check only runs on a miss.
    if offered == wanted or not round.suppliers.exists():
        return
    for product in products:
        if product.pk not in offered:
            raise OrderRefused(
                "not_offered", _("本批次不卖“%(product)s”") % {"product": product.name}
            )


def place_order(
    round: Round,
    household,
    lines,
    *,
    channel: str,
    entered_by=None,
    note: str = "",
    is_love: bool = False,
    now=None,
) -> Order:
    """Create the household's order in `round`, or replace its lines.

    `lines` is a list of (product, quantity, unit); a product listed twice is
    one line with the sum. Raises OrderRefused with a clear message.
    """
    # The moment of submission: an order sent a second before the cut-off
    # counts, even if it then waits its turn for the round's lock.
    now = now or timezone.now()
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    try:
        merged = merge_lines(lines)
    except LineProblem as problem:
        raise _line_refusal(problem) from None
    _check_household(round, household)
    _check_products(round, [product for product, _q, _u in merged])
    for attempt in (1, 2):
        try:
            return _write(round, household, merged, channel, entered_by, note, is_love, now)
        except IntegrityError:
            # Another submission for this household created the order between
            # our look and our insert; the second attempt finds and replaces it.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _write(round, household, merged, channel, entered_by, note, is_love, now) -> Order:
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        refusal = refusal_for_round(locked, now)
        if refusal:
            raise refusal
        fields = {
            "channel": channel,
            "entered_by": entered_by,
            "note": note[:200],
            "is_love": is_love,
        }
        order, created = Order.objects.get_or_create(
            round=locked, household=household, defaults=fields
        )
        if not created:
            for name, value in fields.items():
                setattr(order, name, value)
            order.save(update_fields=[*fields, "updated_at"])
            order.lines.all().delete()
        OrderLine.objects.bulk_create(
            OrderLine(order=order, product=product, quantity=quantity, unit=unit or product.unit)
            for product, quantity, unit in merged
        )
    return order


def cancel_order(round: Round, household, *, now=None) -> bool:
    """Withdraw the household's order before the cut-off; False if there was none."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        refusal = refusal_for_round(locked, now)
        if refusal:
            raise refusal
        deleted, _by_model = Order.objects.filter(round=locked, household=household).delete()
    return deleted > 0
