"""Needs endpoints: the list, one need, and asking for help.

Who sees what is `linli.cases.access`, exactly as on the pages: a need outside
`visible_needs` is a 404; its text, contact and triage reasons are given only
where its read rule allows (null otherwise), and each such reading by someone
other than its author is on the audit trail. The list never carries the text.
The rule comes with the rows (`with_text_readable_by`), not one question per need.

A need is written only through `linli.cases.intake.submit` (triage, the
timeline, the audit entry). An `Idempotency-Key` header plays the part of the
pages' one-time form token: the same key from the same user gives back the need
it made the first time instead of writing a second one.
"""

import hashlib
from datetime import datetime
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status

from linli.accounts.scope import scope_of
from linli.api.errors import ApiError
from linli.api.ids import NO_NUL, Id
from linli.api.pagination import paginated
from linli.audit.log import record
from linli.audit.models import Action
from linli.cases import access, intake
from linli.cases.choices import OPEN_NEED_STATUSES, Category, Channel, NeedStatus, Priority
from linli.cases.forms_needs import MAX_TEXT
from linli.cases.models import Need
from linli.community.models import Household
from linli.community.phone import PhoneError, normalize_phone

router = Router(tags=["求助/needs"])

NEED_DETAILS = ("household__building__compound", "household__unit", "entered_by")
STATUS_FILTERS = {"open": OPEN_NEED_STATUSES, "all": None} | {s: (s,) for s in NeedStatus.values}
MAX_KEY = 100
STATUS_HELP = "open (not closed or withdrawn), all, or one status."
StatusFilter = Literal["open", "all", "new", "offered", "active", "closed", "withdrawn"]


class NeedOut(Schema):
    id: int
    household_id: int
    address: str = Field(alias="household.address")
    category: str
    category_label: str
    priority: int = Field(description="1 (P1, crisis) to 4.")
    priority_label: str
    crisis: bool | None = Field(
        description="Crisis signs in the text; null for callers who may not read the text."
    )
    status: str = Field(description="new, offered, active, closed, withdrawn.")
    status_label: str
    channel: str
    created_at: datetime
    due_at: datetime = Field(description="When the first response is due.")
    overdue: bool

    @staticmethod
    def resolve_category_label(need):
        return str(Category(need.category).label) if need.category in Category.values else ""

    @staticmethod
    def resolve_priority_label(need):
        return str(Priority(need.priority).label)

    @staticmethod
    def resolve_status_label(need):
        return str(NeedStatus(need.status).label)

    @staticmethod
    def resolve_created_at(need):
        return timezone.localtime(need.created_at)

    @staticmethod
    def resolve_due_at(need):
        return timezone.localtime(need.due_at)

    @staticmethod
    def resolve_overdue(need):
        return need.is_overdue()

    @staticmethod
    def resolve_crisis(need, context):
        # A crisis flag says what was said (想死, 昏迷): like the reasons, for readers only.
        return need.crisis if need.text_readable else None


def _if_readable(field):
    """A resolver: the need's `field` for callers who may read the text, else null."""

    def resolve(need, context):
        return getattr(need, field) if getattr(need, "text_readable", False) else None

    return resolve


class NeedDetail(NeedOut):
    resident_id: int | None = Field(None, description="Null for callers who may not read it.")
    text: str | None = Field(description="Null for callers who may not read it.")
    contact_name: str | None = Field(description="Null for callers who may not read it.")
    contact_phone: str | None = Field(description="Null for callers who may not read it.")
    consent: bool
    reasons: list[dict] | None = Field(
        description="Triage's reasons ({code, text}); null for callers who may not read the text."
    )

    # What the resident said and how to reach them, each null unless readable
    # (`_readable` marks it; the reasons quote the resident: "提到“不想活了”").
    resolve_resident_id = staticmethod(_if_readable("resident_id"))
    resolve_text = staticmethod(_if_readable("text"))
    resolve_contact_name = staticmethod(_if_readable("contact_name"))
    resolve_contact_phone = staticmethod(_if_readable("contact_phone"))
    resolve_reasons = staticmethod(_if_readable("reasons"))


class NeedIn(Schema):
    household: Id | None = Field(
        None, description="The household in need; a resident may leave it out for their own."
    )
    resident_id: Id | None = Field(None, description="Who in the household needs help.")
    category: Category | None = Field(None, description="Empty: triage picks one from the text.")
    text: str = Field(
        "", max_length=MAX_TEXT, pattern=NO_NUL, description="What was said, in their words."
    )
    contact_name: str = Field("", max_length=40, pattern=NO_NUL)
    contact_phone: str = Field(
        "", max_length=20, pattern=NO_NUL, description="A mainland mobile or landline."
    )
    consent: bool = Field(False, description="The resident agreed that professionals may read it.")


def _needs(request):
    """The caller's visible needs, each marked `text_readable` for them in the same query."""
    scope = scope_of(request)
    needs = access.visible_needs(scope, Need.objects.select_related(*NEED_DETAILS))
    return needs.with_text_readable_by(scope)


@router.get("/needs", response=list[NeedOut], summary="求助列表 / Needs")
@paginated
def list_needs(
    request,
    # ninja reads parameters from these defaults (ruff knows Query only with immutable types).
    status: StatusFilter = Query("open", description=STATUS_HELP),  # noqa: B008
    priority: int | None = Query(None, ge=1, le=4),
):
    needs = _needs(request)
    if STATUS_FILTERS[status]:
        needs = needs.filter(status__in=STATUS_FILTERS[status])
    if priority is not None:
        needs = needs.filter(priority=priority)
    return needs.order_by("priority", "due_at", "pk")


def _readable(request, need) -> Need:
    """Put each reading of the text (`text_readable`, from `_needs`) on the trail."""
    if need.text_readable and need.entered_by_id != request.user.pk:
        record(Action.VIEW_HEALTH, need, user=request.user)
    return need


@router.get("/needs/{need_id}", response=NeedDetail, summary="求助 / A need")
def get_need(request, need_id: Id):
    need = _needs(request).filter(pk=need_id).first()
    if need is None:
        raise ApiError(404, "not_found")
    return _readable(request, need)


def _bad(field, code, message):
    return ApiError(
        422,
        code,
        message,
        details=[{"loc": ["body", "item", field], "type": code, "message": message}],
    )


def _household_and_channel(request, item: NeedIn):
    """The household the caller asks for, and how: their own, or on its behalf."""
    scope = scope_of(request)
    own = Household.objects.filter(pk__in=scope.household_ids).order_by("pk")
    if item.household is None:
        household = own.first()
        if household is None:
            raise _bad("household", "missing", _("请写明是哪一户（household）。"))
        return household, Channel.RESIDENT
    household = own.filter(pk=item.household).first()
    if household is not None:
        return household, Channel.RESIDENT
    household = intake.households_for_intake(scope).filter(pk=item.household).first()
    if household is None:
        raise ApiError(404, "not_found")
    # On behalf of a household through a program: as a phone call taken down.
    return household, Channel.PHONE


def _token(request, key: str | None) -> str:
    """The one-time token of this call: the key, made the caller's own."""
    if key is None:
        return ""
    key = key.strip()
    if not key or len(key) > MAX_KEY or not key.isascii() or not key.isprintable():
        message = _("Idempotency-Key 应当是 1 到 %(max)s 个可打印的 ASCII 字符。") % {
            "max": MAX_KEY
        }
        loc = ["header", "Idempotency-Key"]
        raise ApiError(
            422,
            "validation_error",
            details=[{"loc": loc, "type": "idempotency_key", "message": message}],
        )
    return hashlib.sha256(f"{request.user.pk}:{key}".encode()).hexdigest()[:32]


@router.post(
    "/needs", response={200: NeedDetail, 201: NeedDetail}, summary="求助登记 / Ask for help"
)
def create_need(
    request,
    item: NeedIn,
    idempotency_key: str | None = Header(  # noqa: B008 (ninja reads parameters from defaults)
        None, alias="Idempotency-Key", description="Resend with the same key: one need."
    ),
):
    token = _token(request, idempotency_key)
    household, channel = _household_and_channel(request, item)
    resident = None
    if item.resident_id is not None:
        resident = household.residents.filter(pk=item.resident_id).first()
        if resident is None:
            raise _bad("resident_id", "not_found", _("这一户里没有这位居民。"))
    phone = ""
    if item.contact_phone.strip():
        try:
            phone = normalize_phone(item.contact_phone)
        except PhoneError as exc:
            raise _bad("contact_phone", "invalid_phone", exc.reason.render(_)) from None
    if not item.text.strip() and item.category is None:
        # The page asks for a category button at least; a blank call is not a need.
        raise _bad("text", "missing", _("请说说需要什么帮助，或选一个类别。"))
    need = Need(
        household=household, resident=resident, category=item.category or "",
        text=item.text.strip(), contact_name=item.contact_name.strip(), contact_phone=phone,
        consent=item.consent, channel=channel, entered_by=request.user,
    )  # fmt: skip
    need, created = intake.submit(need, token, actor=request.user)
    need = _needs(request).get(pk=need.pk)
    return Status(201 if created else 200, _readable(request, need))
