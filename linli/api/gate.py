"""Gate endpoints: exit passes and who is out now.

Scoping is that of the pages (`linli.gate.access`): a resident reads their own
household's passes, a captain their buildings', staff, property and gatekeepers
their community's. Who is out (with the gate's late flag) is for the gate roles
only; others get an empty list, as for anything outside their scope. No
temperatures: the API gives the gate's movements, not health readings.
"""

import datetime

from django.utils import timezone
from ninja import Field, Router, Schema

from linli.accounts.scope import scope_of
from linli.api.pagination import paginated
from linli.gate import access
from linli.gate.models import ExitPass, Trip

router = Router(tags=["门岗/gate"])


class PassOut(Schema):
    id: int
    household_id: int
    address: str = Field(description="9栋1单元201")
    valid_on: datetime.date
    code: str
    resident: str | None = Field(description="The member named on the pass, if any.")
    requested: bool = Field(description="Requested by the resident rather than issued.")

    @staticmethod
    def resolve_address(exit_pass):
        return exit_pass.household.address

    @staticmethod
    def resolve_resident(exit_pass):
        return exit_pass.resident.name if exit_pass.resident else None


class TripOut(Schema):
    id: int
    household_id: int
    address: str
    resident: str | None
    out_at: datetime.datetime
    overdue: bool = Field(description="Out longer than the community allows (2 hours by default).")

    @staticmethod
    def resolve_address(trip):
        return trip.household.address

    @staticmethod
    def resolve_resident(trip):
        return trip.resident.name if trip.resident else None

    @staticmethod
    def resolve_overdue(trip, context):
        return trip.pk in _late(context["request"])


def _late(request) -> set[int]:
    # Worked out once per request for the whole list, not once per row.
    if not hasattr(request, "_linli_late_trips"):
        trips = access.gate_filter(scope_of(request), Trip.objects.all())
        request._linli_late_trips = {trip.pk for trip in trips.overdue()}
    return request._linli_late_trips


@router.get("/passes", response=list[PassOut])
@paginated
def passes(request, day: datetime.date | None = None):
    """Exit passes the caller may see, newest day first; `day` keeps one day's."""
    queryset = access.visible_passes(
        scope_of(request),
        ExitPass.objects.select_related("household__building", "household__unit", "resident"),
    )
    if day:
        queryset = queryset.filter(valid_on=day)
    return queryset.order_by("-valid_on", "-id")


@router.get("/trips/out", response=list[TripOut])
@paginated
def trips_out(request):
    """Who is out through the gate now, longest out first (gate roles only)."""
    trips = access.gate_filter(scope_of(request), Trip.objects.out())
    trips = trips.select_related("household__building", "household__unit", "resident")
    return trips.filter(out_at__lte=timezone.now()).order_by("out_at", "id")
