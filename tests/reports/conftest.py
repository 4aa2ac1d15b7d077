"""A day of the world's community, seeded for the daily report: 10 Feb 2020.

Each source table gets rows on the day, the day before and the day after, and
rows of the other community, so every figure has something to leave out.
The expected figures are written out by hand in EXPECTED and PREVIOUS.
"""

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from linli.cases.choices import NeedStatus, TaskStatus
from linli.cases.models import Need, Volunteer, VolunteerTask
from linli.community.models import Resident
from linli.gate.models import ExitPass, Trip
from linli.groupbuy.models import Round
from linli.health.models import CategoryEntry, CheckIn, Quarantine, Transfer
from linli.reports import arith

DAY = date(2020, 2, 10)
SHANGHAI = ZoneInfo("Asia/Shanghai")
_codes = itertools.count(100000)


def at(offset_days, hour, minute=0):
    """Local time on DAY + offset_days."""
    return datetime.combine(DAY + timedelta(days=offset_days), time(hour, minute), SHANGHAI)


def _trip(household, resident, when):
    exit_pass = ExitPass.objects.create(
        household=household, resident=resident, valid_on=when.date(), code=str(next(_codes))
    )
    return Trip.objects.create(household=household, exit_pass=exit_pass, resident=resident,
                               out_at=when, out_temperature=Decimal("36.5"))  # fmt: skip


def _need(household, priority, created, due, status=NeedStatus.NEW, **more):
    return Need.objects.create(household=household, category="supplies", channel="phone",
                               priority=priority, created_at=created, due_at=due, status=status,
                               **more)  # fmt: skip


@pytest.fixture
def seeded(world):
    return seed(world)


def seed(world):
    """Seed the day into `world` (a plain function, for the browser tests too)."""
    w = world
    h3, h5, ho = w.household3, w.household5, w.other_household
    huangbin, wang = w.huangbin, w.resident5
    son = Resident.objects.create(household=h3, name="黄小宝", birth_year=2013)
    liu = Resident.objects.create(household=h5, name="刘桂兰")
    other = Resident.objects.get(household=ho)

    # Check-ins: three of four on the day, one of them abnormal; one the day before.
    CheckIn.record(huangbin, day=DAY, temperature=Decimal("38.3"), method="armpit")
    CheckIn.record(wang, day=DAY, temperature=Decimal("36.4"), method="forehead")
    CheckIn.record(son, day=DAY)
    CheckIn.record(huangbin, day=DAY - timedelta(days=1), temperature=Decimal("36.6"))
    CheckIn.record(other, day=DAY, temperature=Decimal("38.9"))

    # Category history: the day before, 黄彬 fever and 王秀英 close contact; on
    # the day 黄彬 becomes suspected, 王秀英 cleared, 黄小宝 close contact; after
    # midnight 刘桂兰 confirmed (the next day's).
    for resident, category, when in [
        (wang, "close_contact", at(-2, 9)),
        (huangbin, "fever", at(-1, 10)),
        (huangbin, "suspected", at(0, 9)),
        (wang, "cleared", at(0, 15)),
        (son, "close_contact", at(0, 11)),
        (liu, "confirmed", at(1, 1)),
        (other, "confirmed", at(0, 8)),
    ]:
        CategoryEntry.objects.create(resident=resident, household_id=resident.household_id,
                                     category=category, recorded_at=when)  # fmt: skip

    # Transfers: one requested, one transferred, one back home on the day.
    Transfer.objects.create(resident=huangbin, household=h3, stage="transferred",
                            requested_at=at(-1, 20), transferred_at=at(0, 10))  # fmt: skip
    Transfer.objects.create(resident=wang, household=h5, requested_at=at(0, 8))
    Transfer.objects.create(resident=son, household=h3, stage="returned", requested_at=at(-3, 9),
                            transferred_at=at(-2, 9), ended_at=at(0, 16))  # fmt: skip
    Transfer.objects.create(resident=other, household=ho, requested_at=at(0, 8))

    # Quarantines: one starts, one is released; three are on at midnight.
    def quarantine(resident, start, released=None):
        first = DAY + timedelta(days=start)
        Quarantine.objects.create(resident=resident, household_id=resident.household_id,
                                  kind="home", start=first, end=first + timedelta(days=14),
                                  released_at=released)  # fmt: skip

    quarantine(wang, 0)
    quarantine(son, -5, released=at(0, 12))
    quarantine(liu, -3)
    quarantine(huangbin, -4, released=at(1, 10))
    quarantine(huangbin, 1)
    quarantine(other, 0)

    # Gate: two exits on the day, one just before midnight the day before.
    _trip(h3, huangbin, at(0, 9))
    _trip(h5, wang, at(0, 23, 50))
    _trip(h3, son, at(-1, 23, 59))
    _trip(ho, other, at(0, 9))

    # Rounds: one opened on the day, one handed out, one settled, one still to come.
    for state, opens, community in [
        ("open", at(0, 8), w.community), ("handed_out", at(-3, 8), w.community),
        ("settled", at(-10, 8), w.community), ("open", at(1, 8), w.community),
        ("open", at(0, 8), w.other_community),
    ]:  # fmt: skip
        Round.objects.create(community=community, title=f"{state} {opens:%d}", state=state,
                             opens_at=opens, closes_at=opens + timedelta(hours=10))  # fmt: skip

    # Needs: one of each priority open at midnight, two of them overdue.
    _need(h3, 1, at(0, 9), at(0, 9, 30))  # overdue
    _need(h5, 2, at(0, 10), at(0, 12), first_response_at=at(0, 11))
    _need(h3, 3, at(-1, 9), at(-1, 20))  # overdue since the day before
    _need(h5, 4, at(0, 10), at(3, 10))
    _need(h3, 2, at(-2, 9), at(-2, 10), status=NeedStatus.CLOSED, closed_at=at(1, 9),
          first_response_at=at(-2, 9, 30))  # closed only the next day  # fmt: skip
    _need(h5, 3, at(-1, 9), at(-1, 10), status=NeedStatus.CLOSED, closed_at=at(0, 10),
          first_response_at=at(-1, 9, 30))  # fmt: skip
    _need(h3, 1, at(0, 9), at(0, 10), status=NeedStatus.WITHDRAWN)
    _need(h3, 1, at(1, 9), at(1, 10))  # the next day's
    _need(ho, 1, at(0, 9), at(0, 10))

    # Volunteers: two tasks done on the day, 90 and 60 minutes.
    volunteer = Volunteer.objects.create(user=w.users["volunteer"], name="小李",
                                         community=w.community)  # fmt: skip
    for minutes, done, status, community in [
        (90, at(0, 14), TaskStatus.DONE, w.community),
        (60, at(0, 16), TaskStatus.DONE, w.community),
        (30, at(-1, 16), TaskStatus.DONE, w.community),
        (None, None, TaskStatus.CLAIMED, w.community),
        (45, at(0, 16), TaskStatus.DONE, w.other_community),
    ]:
        VolunteerTask.objects.create(community=community, kind="delivery", title="送菜",
                                     status=status, volunteer=volunteer, done_at=done,
                                     minutes=minutes)  # fmt: skip
    return w


EXPECTED = {
    **arith.empty(),
    # Expected to check in: 王秀英, 刘桂兰 and 黄小宝 (back home at 16:00), not
    # 黄彬 (in hospital from 10:00), whose morning fever is still the day's.
    "residents": 3, "checked": 2, "abnormal": 1,
    "cat_suspected": 1, "cat_close_contact": 1,
    "new_suspected": 1, "new_close_contact": 1,
    "transfers_requested": 1, "transfers_transferred": 1, "transfers_returned": 1,
    "quarantine_started": 1, "quarantine_released": 1, "in_quarantine": 3,
    "gate_exits": 2,
    "rounds_opened": 1, "rounds_open": 1, "rounds_handed_out": 1,
    "needs_p1": 1, "needs_p2": 2, "needs_p3": 1, "needs_p4": 1, "needs_overdue": 2,
    "volunteer_tasks": 2, "volunteer_minutes": 150,
}  # fmt: skip

PREVIOUS = {
    **arith.empty(),
    # 黄小宝 was in hospital: three expected, 黄彬 checked in.
    "residents": 3, "checked": 1,
    "cat_fever": 1, "cat_close_contact": 1, "new_fever": 1,
    "transfers_requested": 1,
    "in_quarantine": 3,
    "gate_exits": 1,
    "rounds_handed_out": 1,
    "needs_p2": 1, "needs_p3": 2, "needs_overdue": 1,
    "volunteer_tasks": 1, "volunteer_minutes": 30,
}  # fmt: skip
