"""Registry read endpoints: buildings, households, residents.

Every query goes through the caller's Scope (`linli.api.scoping`), so a captain
reads their own buildings and a resident their own household, as on the pages.
Phones and ID numbers only ever leave masked; household and resident notes,
which often hold health details, stay on the pages.
"""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from ninja import Field, Query, Router, Schema

from linli.accounts.scope import scope_of
from linli.api.ids import NO_NUL, Id
from linli.api.pagination import paginated
from linli.api.scoping import get_scoped_or_404, scoped
from linli.community.choices import Relation, Tag
from linli.community.models import Building, Household, Resident

router = Router(tags=["注册/registry"])

_RELATION_LABELS = dict(Relation.choices)


class TagOut(Schema):
    value: str
    label: str


class UnitOut(Schema):
    id: int
    number: str


class BuildingOut(Schema):
    id: int
    number: str = Field(description="As residents say it: 9, 12A.")
    label: str = Field(description="9栋 / Building 9, in the caller's language.")
    compound_id: int
    compound: str = Field(alias="compound.name")
    community_id: int = Field(alias="compound.community_id")
    community: str = Field(alias="compound.community.name")
    area: str | None = Field(None, alias="area.name")
    household_count: int
    resident_count: int


class BuildingDetail(BuildingOut):
    units: list[UnitOut]

    @staticmethod
    def resolve_units(building):
        return list(building.units.all())


class HouseholdOut(Schema):
    id: int
    building_id: int
    compound: str = Field(alias="building.compound.name")
    unit: str = Field(description="Unit number, empty when the building has none.")
    room: str
    address: str = Field(description="9栋1单元201")
    short_address: str = Field(description="9-1-201, as typed in chat groups.")
    resident_count: int

    @staticmethod
    def resolve_unit(household):
        return household.unit.number if household.unit_id else ""


class ResidentOut(Schema):
    id: int
    household_id: int
    name: str
    sex: str = Field(description="m, f, or empty.")
    birth_year: int | None
    relation: str
    relation_label: str
    masked_phone: str = Field(description="138****0000; the full number only on the pages.")
    masked_id_number: str | None = Field(
        description="Masked, and null for callers who may not see even that."
    )
    tags: list[TagOut]

    @staticmethod
    def resolve_relation_label(resident):
        # Not get_relation_display(): it rebuilds the choices dict on every call,
        # which was the slowest part of a 200-resident page.
        return str(_RELATION_LABELS.get(resident.relation, resident.relation))

    @staticmethod
    def resolve_masked_id_number(resident, context):
        scope = scope_of(context["request"])
        # Every resident here was reached through the caller's scope already, and a
        # list must not cost a query per row: only the role half of the rule applies.
        return resident.masked_id_number if scope.role_sees_id_number(resident) else None

    @staticmethod
    def resolve_tags(resident):
        return [{"value": t, "label": str(Tag(t).label)} for t in resident.tag_values]


class HouseholdDetail(HouseholdOut):
    residents: list[ResidentOut]

    @staticmethod
    def resolve_residents(household):
        return list(household.residents.all())


class ResidentListItem(ResidentOut):
    building_id: int = Field(alias="household.building_id")
    compound: str = Field(alias="household.building.compound.name")
    address: str = Field(alias="household.address")


def _count(model, path):
    """How many `model` rows point at the outer row through `path`.

    A subquery per row rather than JOIN + GROUP BY: counting the pages then
    needs no join at all, and only the rows of the page get counted, which
    matters when a district viewer's list spans millions of residents.
    """
    rows = model.objects.filter(**{path: OuterRef("pk")}).order_by().values(path)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def _buildings():
    return Building.objects.select_related("compound__community", "area").annotate(
        household_count=_count(Household, "building"),
        resident_count=_count(Resident, "household__building"),
    )


def _households():
    return Household.objects.with_details().annotate(resident_count=_count(Resident, "household"))


def _residents():
    return Resident.objects.with_details().with_tags()


@router.get("/buildings", response=list[BuildingOut], summary="楼栋列表 / Buildings")
@paginated
def list_buildings(request):
    return scoped(request, _buildings())


@router.get("/buildings/{building_id}", response=BuildingDetail, summary="楼栋 / A building")
def get_building(request, building_id: Id):
    buildings = _buildings().prefetch_related("units")
    return get_scoped_or_404(request, buildings, pk=building_id)


@router.get("/households", response=list[HouseholdOut], summary="住户列表 / Households")
@paginated
def list_households(
    request,
    building: Id | None = Query(None, description="A building id."),  # noqa: B008
):
    households = scoped(request, _households())
    return households.filter(building_id=building) if building is not None else households


@router.get("/households/{household_id}", response=HouseholdDetail, summary="住户 / A household")
def get_household(request, household_id: Id):
    households = _households().prefetch_related(
        Prefetch("residents", queryset=Resident.objects.with_tags())
    )
    return get_scoped_or_404(request, households, pk=household_id)


@router.get("/residents", response=list[ResidentListItem], summary="居民 / Residents")
@paginated
def list_residents(
    request,
    q: str | None = Query(
        None,
        max_length=50,
        pattern=NO_NUL,
        description="Name, pinyin or initials, room (201, 9-1-201, 9栋1单元201), "
        "or the last digits of a phone. Without it, every resident in scope.",
    ),
):
    residents = Resident.objects.search(q) if q else Resident.objects.all()
    return scoped(request, residents).with_details().with_tags()
