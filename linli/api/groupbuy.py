"""Group-buying endpoints: rounds, the catalog, and orders.

Reads go through the caller's Scope like the pages; an order is placed or
replaced only through `ordering.place_order` (channel api), so the cut-off, the
one-order-per-household rule and the checks are the same as on the pages.
A refused order answers 409 `round_closed` / `round_not_open` when the round
takes no orders, 422 with the refusal's code for anything else.
"""

from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from linli.accounts.scope import scope_of
from linli.api.errors import ApiError
from linli.api.ids import NO_NUL, Id
from linli.api.pagination import paginated
from linli.api.scoping import get_scoped_or_404, scoped
from linli.groupbuy.choices import Channel, RoundState
from linli.groupbuy.models import Order, OrderLine, Product, Round
from linli.groupbuy.ordering import (
    OrderRefused,
    households_for_ordering,
    place_order,
    submitted_at,
)
from linli.groupbuy.rounds import shown_state

router = Router(tags=["团购/groupbuy"])

CLOSED_CODES = {"round_closed", "round_not_open"}


class RoundOut(Schema):
    id: int
    title: str
    kind: str
    scope: str = Field(description="community, compound or buildings.")
    community_id: int
    opens_at: datetime = Field(description="In the community's time zone (+08:00).")
    closes_at: datetime = Field(description="The cut-off: orders at or after it are refused.")
    state: str = Field(description="open, closed, ordered, received, handed_out, settled.")
    state_label: str
    accepts_orders: bool

    @staticmethod
    def resolve_opens_at(round):
        return timezone.localtime(round.opens_at)

    @staticmethod
    def resolve_closes_at(round):
        return timezone.localtime(round.closes_at)

    @staticmethod
    def resolve_state(round):
        # Past its cut-off a round is closed, whether or not anyone closed it.
        return shown_state(round)

    @staticmethod
    def resolve_state_label(round):
        return str(RoundState(shown_state(round)).label)

    @staticmethod
    def resolve_accepts_orders(round):
        return round.accepts_orders()


class SupplierOut(Schema):
    id: int
    name: str
    kind: str


class RoundDetail(RoundOut):
    suppliers: list[SupplierOut]
    building_ids: list[int]

    @staticmethod
    def resolve_suppliers(round):
        return list(round.suppliers.all())

    @staticmethod
    def resolve_building_ids(round):
        return [b.pk for b in round.buildings.all()]


class ProductOut(Schema):
    id: int
    name: str
    unit: str
    category: str
    aliases: list[str]
    price: Decimal | None


class LineOut(Schema):
    product_id: int
    product: str = Field(alias="product.name")
    quantity: Decimal
    unit: str
    allocated: Decimal | None


class OrderOut(Schema):
    id: int
    round_id: int
    household_id: int
    address: str = Field(alias="household.address")
    channel: str
    entered_by: str | None
    note: str
    is_love: bool
    updated_at: datetime
    lines: list[LineOut]

    @staticmethod
    def resolve_entered_by(order):
        return str(order.entered_by) if order.entered_by_id else None

    @staticmethod
    def resolve_updated_at(order):
        return timezone.localtime(order.updated_at)

    @staticmethod
    def resolve_lines(order):
        return list(order.lines.all())


class LineIn(Schema):
    product_id: Id | None = Field(None, description="A product id from /api/catalog …")
    product: str | None = Field(
        None, max_length=50, pattern=NO_NUL, description="… or its name or alias."
    )
    quantity: Decimal = Field(gt=0, max_digits=8, decimal_places=2)
    unit: str = Field(
        "", max_length=10, pattern=NO_NUL, description="Empty: the product's own unit."
    )


class OrderIn(Schema):
    lines: list[LineIn] = Field(min_length=1, max_length=100)
    note: str = Field("", max_length=200, pattern=NO_NUL)


def _rounds(request):
    return Round.objects.visible_to(scope_of(request))


def _orders():
    lines = OrderLine.objects.select_related("product").order_by("pk")
    return Order.objects.select_related(
        "household__building__compound", "household__unit", "entered_by"
    ).prefetch_related(Prefetch("lines", queryset=lines))


@router.get("/rounds", response=list[RoundOut], summary="团购批次 / Rounds")
@paginated
def list_rounds(request):
    return _rounds(request)


@router.get("/rounds/{round_id}", response=RoundDetail, summary="团购批次 / A round")
def get_round(request, round_id: Id):
    rounds = _rounds(request).prefetch_related("suppliers", "buildings")
    return _get(rounds, round_id)


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise ApiError(404, "not_found") from None


@router.get("/catalog", response=list[ProductOut], summary="商品目录 / The catalog")
@paginated
def list_catalog(
    request,
    round: Id | None = Query(None, description="Only what this round's suppliers sell."),  # noqa: B008
):
    products = Product.objects.order_by("category", "name")
    if round is not None:
        chosen = _get(_rounds(request), round)
        if chosen.suppliers.exists():
            products = products.filter(offers__supplier__rounds=chosen).distinct()
    return products


@router.get("/rounds/{round_id}/orders", response=list[OrderOut], summary="批次的订单 / Orders")
@paginated
def list_orders(request, round_id: Id):
    chosen = _get(_rounds(request), round_id)
    return scoped(request, _orders().filter(round=chosen)).order_by("pk")


@router.put(
    "/rounds/{round_id}/orders/{household_id}",
    response=OrderOut,
    summary="下单或改单 / Place or replace a household's order",
)
def put_order(request, round_id: Id, household_id: Id, body: OrderIn):
    chosen = _get(_rounds(request), round_id)
    household = get_scoped_or_404(
        request,
        households_for_ordering(scope_of(request)).select_related("building__compound"),
        pk=household_id,
    )
    products = _products(body.lines)
    lines = [(p, line.quantity, line.unit) for p, line in zip(products, body.lines, strict=True)]
    try:
        order = place_order(
            chosen,
            household,
            lines,
            channel=Channel.API,
            entered_by=request.user,
            note=body.note,
            now=submitted_at(request),
        )
    except OrderRefused as refused:
        status = 409 if refused.code in CLOSED_CODES else 422
        raise ApiError(status, refused.code, refused.message) from None
    return _orders().get(pk=order.pk)


def _products(lines: list[LineIn]) -> list[Product]:
    """The product of each line, by id or by name, in one query; aliases only on a miss."""
    ids = {line.product_id for line in lines if line.product_id is not None}
    names = {line.product.strip() for line in lines if line.product_id is None and line.product}
    found = list(Product.objects.filter(Q(pk__in=ids) | Q(name__in=names)))
    by_id = {p.pk: p for p in found}
    by_name = {p.name: p for p in found}
    if names - set(by_name):
        for product in Product.objects.exclude(aliases=[]):
            for alias in product.aliases or ():
                by_name.setdefault(alias, product)
    products = []
    for index, line in enumerate(lines):
        if line.product_id is not None:
            product = by_id.get(line.product_id)
        else:
            product = by_name.get((line.product or "").strip())
        if product is None:
            message = _("目录里没有这个商品：%(product)s") % {
                "product": line.product_id or line.product or ""
            }
            loc = ["body", "lines", str(index)]
            where = {"loc": loc, "type": "unknown_product", "message": message}
            raise ApiError(422, "unknown_product", message, details=[where])
        products.append(product)
    return products


@router.get("/orders/{order_id}", response=OrderOut, summary="订单 / An order")
def get_order(request, order_id: Id):
    return get_scoped_or_404(request, _orders(), pk=order_id)
