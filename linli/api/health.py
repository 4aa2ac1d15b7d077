"""Health check-in endpoints: one, a batch of up to 500, and a day's list.

Scoping and privacy are those of the pages (`linli.health.access`): anyone may
submit for the households they may enter for (a resident their own, a captain
their buildings, staff and doctors their community); reading back, only staff
and doctors (and a resident for their own household) get temperatures and
symptoms; captains and area leaders get who checked in, not how they were.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from linli.accounts.scope import scope_of
from linli.api.errors import ApiError
from linli.api.ids import Id
from linli.api.pagination import paginated
from linli.front.faults import pause_point
from linli.health import access
from linli.health.choices import Channel, Method, Symptom
from linli.health.models import CheckIn

router = Router(tags=["健康/health"])

MAX_BATCH = 500


class CheckInIn(Schema):
    resident: Id = Field(description="The resident's id.")
    temperature: Decimal | None = Field(
        None, ge=Decimal("34.0"), le=Decimal("43.0"), decimal_places=1
    )
    method: Method | None = None
    symptoms: list[Symptom] = Field(default_factory=list, description="Empty when none.")


class BatchIn(Schema):
    items: list[CheckInIn] = Field(max_length=MAX_BATCH)


class CheckInOut(Schema):
    id: int
    resident_id: int
    household_id: int
    date: datetime.date
    channel: str
    temperature: Decimal | None = Field(description="Null for callers who may not see it.")
    symptoms: list[str] | None = Field(description="Null for callers who may not see them.")
    abnormal: bool | None = Field(description="Null for callers who may not see it.")

    @staticmethod
    def _private(checkin, context):
        visible = getattr(checkin, "detail_visible", None)
        if visible is None:
            visible = _sees_detail(scope_of(context["request"]), checkin)
        return not visible

    @staticmethod
    def resolve_temperature(checkin, context):
        return None if CheckInOut._private(checkin, context) else checkin.temperature

    @staticmethod
    def resolve_symptoms(checkin, context):
        return None if CheckInOut._private(checkin, context) else checkin.symptom_values

    @staticmethod
    def resolve_abnormal(checkin, context):
        return None if CheckInOut._private(checkin, context) else checkin.abnormal


class BatchOut(Schema):
    count: int
    abnormal: int


def _sees_detail(scope, checkin) -> bool:
    # Rows come annotated with their community, so this costs no query per row.
    community_id = getattr(checkin, "community_id", None)
    return (
        scope.is_superuser
        or checkin.household_id in scope.household_ids
        or community_id in access.detail_community_ids(scope)
    )


def _entry(request, ids):
    """The caller's entry rights and the residents among `ids` they may submit
    for: two light queries whatever the batch size."""
    rights = access.EntryRights.of(request.user)
    return rights, {r.pk: r for r in access.entry_residents(ids) if rights.allows(r)}


def _save(request, rights, item, resident):
    if resident.household_id in rights.households:
        channel = Channel.SELF
    else:
        channel = Channel.ROUND if resident.community_id in rights.communities else Channel.PROXY
    checkin = CheckIn.record(
        resident, temperature=item.temperature, method=item.method or "", symptoms=item.symptoms,
        channel=channel, by=request.user,
    )  # fmt: skip
    # What the caller may read back follows the same rule as the list.
    checkin.community_id = resident.community_id
    checkin.detail_visible = rights.sees_details(resident)
    return checkin


def _with_community(queryset):
    return queryset.annotate(community_id=F("household__building__compound__community_id"))


@router.post("/checkins", response=CheckInOut, summary="健康打卡 / One check-in")
def create_checkin(request, item: CheckInIn):
    rights, residents = _entry(request, [item.resident])
    if item.resident not in residents:
        raise ApiError(404, "not_found")
    if not residents[item.resident].expected:
        raise ApiError(422, "validation_error", details=[_not_expected(["body", "resident"])])
    return _save(request, rights, item, residents[item.resident])


def _not_expected(loc):
    # A reading for someone dead, in hospital or at an isolation point would be false.
    return {"loc": loc, "type": "not_expected",
            "message": _("这位居民今天不需要打卡。")}  # fmt: skip


@router.post("/checkins/batch", response=BatchOut, summary="批量打卡 / A batch")
def create_batch(request, batch: BatchIn):
    """All or nothing: one resident the caller may not enter for, or one not
    expected to check in (dead, away), and nothing is written; `details` names
    each bad item by its index."""
    rights, residents = _entry(request, {item.resident for item in batch.items})
    details = [
        {"loc": ["body", "items", str(index), "resident"], "type": "not_found",
         "message": _("没有找到这位居民，或不在您的管理范围内。")}
        if item.resident not in residents
        else _not_expected(["body", "items", str(index), "resident"])
        for index, item in enumerate(batch.items)
        if item.resident not in residents or not residents[item.resident].expected
    ]  # fmt: skip
    if details:
        raise ApiError(422, "validation_error", details=details)
    saved = []
    with transaction.atomic():
        for item in batch.items:
            saved.append(_save(request, rights, item, residents[item.resident]))
            pause_point("checkin_batch")  # the crash tests' kill -9 lands here
    return {"count": len(saved), "abnormal": sum(c.abnormal for c in saved)}


@router.get("/checkins", response=list[CheckInOut], summary="打卡记录 / Check-ins of a day")
@paginated
def list_checkins(
    request,
    # ninja reads parameters from these defaults (ruff knows Query only with immutable types).
    day: datetime.date | None = Query(None, alias="date", description="Default today."),  # noqa: B008
    building: Id | None = Query(None, description="A building id."),  # noqa: B008
):
    scope = scope_of(request)
    checkins = _with_community(CheckIn.objects.filter(date=day or timezone.localdate()))
    if not scope.is_superuser:
        visible = Q(household_id__in=scope.household_ids)
        visible |= Q(
            household__building__compound__community_id__in=access.detail_community_ids(scope)
        )
        visible |= Q(household__building_id__in=scope.building_ids)
        visible |= Q(household__building__area_id__in=scope.area_ids)
        checkins = checkins.filter(visible)
    if building is not None:
        checkins = checkins.filter(household__building_id=building)
    return checkins.order_by("household_id", "resident_id")
