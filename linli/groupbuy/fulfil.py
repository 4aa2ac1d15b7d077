"""After the cut-off: receiving, fair shares, hand-out, payments and 爱心菜.

Each function is one step a worker takes on a round; the pages in
views_fulfil.py call them. Money follows what households received, so the
round balances: the households' amounts add up to the suppliers' bills.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases import tasks as volunteer_tasks
from linli.community.choices import PRIORITY_TAGS
from linli.community.models import ResidentTag
from linli.front.faults import pause_point
from linli.groupbuy.allocation import Claim, allocate
from linli.groupbuy.choices import HandoutStatus, PaymentMethod, PaymentStatus, RoundState
from linli.groupbuy.models import Handout, Order, OrderLine, Payment, Product, Receipt
from linli.groupbuy.tally import CENT, DOORSTEP_TAGS, offers


def _tagged(tags):
    return Exists(ResidentTag.objects.filter(resident__household_id=OuterRef("household_id"),
                                             tag__in=tags))  # fmt: skip


def _move(round_, to, *, allowed):
    if round_.state in allowed:
        round_.state = to
        round_.save(update_fields=["state"])


# Receiving and fair shares


@transaction.atomic
def record_receipt(round_, product, quantity, by, substitute=None, note="") -> Receipt:
    """What arrived for one product; recording it again replaces the earlier count."""
    if quantity is None or Decimal(quantity) < 0:
        raise ValidationError(_("到货数量不能是负数"))
    receipt, _created = Receipt.objects.update_or_create(
        round=round_, product=product,
        defaults={"quantity": quantity, "substitute": substitute, "note": note, "recorded_by": by},
    )  # fmt: skip
    return receipt


@transaction.atomic
def allocate_round(round_) -> int:
    """Share out what arrived among the order lines; returns the number of lines written.

    A product ordered but not recorded as received counts as not arrived.
    """
    receipts = {r.product_id: r for r in round_.receipts.select_related("substitute")}
    vulnerable = set(
        Order.objects.filter(round=round_)
        .filter(_tagged(PRIORITY_TAGS))
        .values_list("household_id", flat=True)
    )
    lines = list(
        OrderLine.objects.filter(order__round=round_)
        .select_related("order")
        .only("id", "product_id", "quantity", "unit", "order__household_id")
        .order_by("product_id", "id")
    )
    by_product: dict[int, list[OrderLine]] = {}
    for line in lines:
        by_product.setdefault(line.product_id, []).append(line)
    for product_id, product_lines in by_product.items():
        receipt = receipts.get(product_id)
        arrived = receipt.quantity if receipt else Decimal(0)
        claims = [Claim(line.pk, line.quantity, line.order.household_id in vulnerable)
                  for line in product_lines]  # fmt: skip
        unit = product_lines[0].unit
        shares = {s.key: s for s in allocate(arrived, claims, unit, translate=_)}
        for line in product_lines:
            share = shares[line.pk]
            line.allocated = share.allocated
            reason = share.reason
            if receipt and receipt.substitute_id:
                reason = _("以{substitute}代替。").format(substitute=receipt.substitute) + reason
            line.allocation_reason = reason[:200]
    OrderLine.objects.bulk_update(lines, ["allocated", "allocation_reason"], batch_size=500)
    _move(round_, RoundState.RECEIVED, allowed={RoundState.CLOSED, RoundState.ORDERED})
    return len(lines)


def receive_round(round_, arrivals, by) -> None:
    """The receiving form's whole save: counts, shares, hand-out tasks and bills.

    Under the round's row lock, so two workers saving at once (or a double
    tap) run one after the other and never make a second hand-out or payment.
    """
    with transaction.atomic():
        locked = type(round_).objects.select_for_update().get(pk=round_.pk)
        _refuse_changes_after_payments(locked, arrivals)
        products = Product.objects.in_bulk([product_id for product_id, _q, _s in arrivals])
        for product_id, quantity, substitute in arrivals:
            record_receipt(locked, products[product_id], quantity, by, substitute)
        allocate_round(locked)
        pause_point("round_receive")  # the crash tests' kill -9 lands here
        create_handouts(locked)
        compute_payments(locked)
    round_.refresh_from_db(fields=["state"])


def settled_payments(round_):
    """Payments a person has settled: paid, or waived by hand. (A 爱心菜 parcel is
    waived by the list, not by a decision about its amount, so it does not count.)"""
    settled = Q(status=PaymentStatus.PAID) | Q(status=PaymentStatus.WAIVED, order__is_love=False)
    return Payment.objects.filter(order__round=round_).filter(settled)


def _refuse_changes_after_payments(round_, arrivals) -> None:
    """Once money has changed hands on the amounts, the counts behind them stay.

    Changing a count would change what a household owes while its payment
    still reads paid; a worker must first set those payments back to unpaid,
    a deliberate step, rather than have the amounts drift under them.
    Saving the same counts again is harmless and allowed.
    """
    recorded = {r.product_id: (r.quantity, r.substitute_id) for r in round_.receipts.all()}
    changed = [
        product_id
        for product_id, quantity, substitute in arrivals
        if recorded.get(product_id) != (Decimal(quantity), substitute.pk if substitute else None)
    ]
    settled = settled_payments(round_).count() if changed else 0
    if settled:
        raise ValidationError(
            _(
                "已有 %(n)s 户付款或免单，到货数量不能再改：改了就和已收的钱对不上。"
                "确实登记错了的话，请先在收款页把这几户点“改回未付”，再重新登记到货。"
            )
            % {"n": settled}
        )


# Hand-out


def needs_doorstep(household) -> bool:
    return ResidentTag.objects.filter(resident__household=household, tag__in=DOORSTEP_TAGS).exists()


@transaction.atomic
def create_handouts(round_) -> int:
    """One hand-out task per order that has something in its bag."""
    orders = (
        Order.objects.filter(round=round_, handout__isnull=True, lines__allocated__gt=0)
        .annotate(doorstep=_tagged(DOORSTEP_TAGS))
        .distinct()
    )
    created = Handout.objects.bulk_create(
        [Handout(order=order, needs_doorstep=order.doorstep) for order in orders]
    )
    # Doorstep bags also go on the volunteers' board; the Handout stays their record.
    volunteer_tasks.add_doorstep_tasks(round_, created)
    return len(created)


@transaction.atomic
def mark_handout(handout, status, by, collected_by="") -> Handout:
    if status == HandoutStatus.PICKED_UP and not collected_by.strip():
        raise ValidationError(_("请填写是谁领走的（例如：本人、家人姓名、邻居）"))
    handout.status = status
    handout.collected_by = collected_by.strip() if status == HandoutStatus.PICKED_UP else ""
    handout.done_by = by
    handout.done_at = timezone.now()
    handout.save()
    volunteer_tasks.handout_marked(handout, by)
    round_ = handout.order.round
    if not Handout.objects.filter(order__round=round_, status=HandoutStatus.WAITING).exists():
        _move(round_, RoundState.HANDED_OUT, allowed={RoundState.RECEIVED})
    return handout


# Payments


def _prices(round_) -> dict[int, Decimal]:
    """Price per product id: the round's supplier's price, else the catalog's."""
    prices = {pid: offer.price for pid, offer in offers(round_).items()}
    for pid, price in Product.objects.filter(price__isnull=False).values_list("id", "price"):
        prices.setdefault(pid, price)
    return prices


def _billed_product(round_) -> dict[int, int]:
    """Ordered product id -> the product actually billed (its substitute, if any)."""
    return {r.product_id: r.substitute_id or r.product_id for r in round_.receipts.all()}


def order_amounts(round_, received=True) -> dict[int, Decimal]:
    """Order id -> what it costs: for what was allocated, or (before goods arrive) ordered."""
    prices, billed = _prices(round_), _billed_product(round_)
    totals: dict[int, Decimal] = {}
    field = "allocated" if received else "quantity"
    rows = OrderLine.objects.filter(order__round=round_).values_list(
        "order_id", "product_id", field
    )
    for order_id, product_id, quantity in rows:
        price = prices.get(billed.get(product_id, product_id), Decimal(0))
        totals[order_id] = totals.get(order_id, Decimal(0)) + (quantity or 0) * price
    return {order_id: total.quantize(CENT) for order_id, total in totals.items()}


@transaction.atomic
def compute_payments(round_) -> int:
    """What each household owes for what it received; 爱心菜 orders are waived.

    A payment already marked paid keeps its status; its amount follows the goods.
    """
    amounts = order_amounts(round_)
    existing = {p.order_id: p for p in Payment.objects.filter(order__round=round_)}
    love = set(Order.objects.filter(round=round_, is_love=True).values_list("id", flat=True))
    new, changed = [], []
    for order_id, owed in amounts.items():
        payment = existing.get(order_id) or Payment(order_id=order_id, amount=owed)
        payment.amount = owed
        if order_id in love:
            payment.status, payment.method = PaymentStatus.WAIVED, PaymentMethod.NONE
        (changed if payment.pk else new).append(payment)
    Payment.objects.bulk_create(new)
    Payment.objects.bulk_update(changed, ["amount", "status", "method"])
    return len(new) + len(changed)


@transaction.atomic
def mark_payment(payment, status, by, method=PaymentMethod.NONE) -> Payment:
    if status == PaymentStatus.PAID and method not in (PaymentMethod.WECHAT, PaymentMethod.CASH):
        raise ValidationError(_("请选择付款方式：微信转账或现金"))
    payment.status = status
    payment.method = method if status == PaymentStatus.PAID else PaymentMethod.NONE
    payment.recorded_by = by
    payment.recorded_at = timezone.now()
    payment.save()
    round_ = payment.order.round
    unpaid = Payment.objects.filter(order__round=round_, status=PaymentStatus.UNPAID)
    if not unpaid.exists():
        _move(round_, RoundState.SETTLED, allowed={RoundState.HANDED_OUT})
    return payment


# 爱心菜


def love_used(round_, amounts=None) -> Decimal:
    amounts = amounts if amounts is not None else _love_amounts(round_)
    love = Order.objects.filter(round=round_, is_love=True).values_list("id", flat=True)
    return sum((amounts.get(order_id, Decimal(0)) for order_id in love), Decimal(0))


def _love_amounts(round_):
    # Before goods arrive a parcel's cost is what was ordered; after, what was received.
    received = OrderLine.objects.filter(order__round=round_, allocated__isnull=False).exists()
    return order_amounts(round_, received=received)


@transaction.atomic
def set_love(order, on: bool) -> Order:
    """Make an order a free 爱心菜 parcel (or not); refuse to go over the round's budget."""
    round_ = type(order.round).objects.select_for_update().get(pk=order.round_id)
    if on and not order.is_love:
        amounts = _love_amounts(round_)
        used, cost = love_used(round_, amounts), amounts.get(order.pk, Decimal(0))
        if used + cost > round_.love_budget:
            raise ValidationError(
                _("爱心菜预算不够：预算 ¥{budget}，已用 ¥{used}，这一户需要 ¥{cost}").format(
                    budget=round_.love_budget, used=used, cost=cost
                )
            )
    order.is_love = on
    order.save(update_fields=["is_love"])
    payment = Payment.objects.filter(order=order).first()
    if payment:
        if on:
            payment.status, payment.method = PaymentStatus.WAIVED, PaymentMethod.NONE
        elif payment.status == PaymentStatus.WAIVED:
            payment.status = PaymentStatus.UNPAID
        payment.save(update_fields=["status", "method"])
    return order


# The round's accounts


@dataclass(frozen=True)
class Balance:
    suppliers: Decimal  # the suppliers' bills for what was received
    households: Decimal  # paid + unpaid + waived
    paid: Decimal
    unpaid: Decimal
    waived: Decimal
    love: Decimal  # the waived part that is 爱心菜, against love_budget
    love_budget: Decimal

    @property
    def balanced(self) -> bool:
        return self.suppliers == self.households

    @property
    def difference(self) -> Decimal:
        """Received but in nobody's bag (half units of a short delivery), at cost."""
        return self.suppliers - self.households


def suppliers_bill(round_) -> Decimal:
    prices = _prices(round_)
    total = Decimal(0)
    for receipt in round_.receipts.all():
        billed = receipt.substitute_id or receipt.product_id
        total += (receipt.quantity * prices.get(billed, Decimal(0))).quantize(CENT)
    return total


def round_balance(round_) -> Balance:
    sums = {
        status: Payment.objects.filter(order__round=round_, status=status).aggregate(
            total=Sum("amount")
        )["total"]
        or Decimal(0)
        for status in PaymentStatus.values
    }
    love = Payment.objects.filter(order__round=round_, order__is_love=True).aggregate(
        total=Sum("amount")
    )["total"] or Decimal(0)
    return Balance(
        suppliers=suppliers_bill(round_),
        households=sum(sums.values(), Decimal(0)),
        paid=sums[PaymentStatus.PAID],
        unpaid=sums[PaymentStatus.UNPAID],
        waived=sums[PaymentStatus.WAIVED],
        love=love,
        love_budget=round_.love_budget,
    )
