"""Making residents dead or away for the expected-to-check-in tests."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from linli.health.choices import Category, Destination, QuarantineKind, TransferStage
from linli.health.models import CategoryEntry, Quarantine, Transfer

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour):
    return datetime.combine(day, time(hour), SHANGHAI)


def die(resident, when, category=Category.DECEASED):
    """Recorded dead at `when`; another `category`: a later entry correcting it."""
    CategoryEntry.objects.create(
        resident=resident, household_id=resident.household_id, category=category,
        recorded_at=when,
    )  # fmt: skip


def transfer(resident, taken):
    """Taken to hospital at `taken`, not back yet."""
    return Transfer.objects.create(
        resident=resident, household_id=resident.household_id, stage=TransferStage.TRANSFERRED,
        destination=Destination.HOSPITAL, site="火神山医院",
        requested_at=taken - timedelta(hours=2), transferred_at=taken,
    )  # fmt: skip


def isolate(resident, start, kind=QuarantineKind.CENTRAL):
    """A quarantine from `start` (centralised unless told), not released."""
    return Quarantine.objects.create(
        resident=resident, household_id=resident.household_id, kind=kind, place="光谷酒店",
        start=start, end=start + timedelta(days=14),
    )  # fmt: skip
