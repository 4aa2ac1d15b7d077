"""A realistic day at the gate of the demo community: passes, people out and back
(two of them late), a fever turned back, deliveries, returnees under observation,
and disinfection rounds with a few places overdue. Deterministic (Random(2020))."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from linli.accounts.choices import Role
from linli.accounts.models import Membership
from linli.community.models import Building, Household
from linli.gate import codes
from linli.gate.choices import ArrivalKind, PlaceKind, RefusalReason
from linli.gate.models import (
    Arrival,
    DisinfectionLog,
    ExitPass,
    GateRefusal,
    GateRules,
    Place,
    Returnee,
    Trip,
)

ORIGINS = ["孝感", "黄冈", "荆州", "随州", "咸宁", "鄂州", "北京"]
SUPPLIERS = [("武南生鲜超市", "团购蔬菜包"), ("康宁大药房", "慢病药品"), ("顺丰快递", "快递包裹")]


def seed(community, now=None):
    rng = random.Random(2020)
    now = now or timezone.now()
    today = timezone.localdate(now)
    GateRules.objects.get_or_create(community=community)
    households = list(Household.objects.in_community(community).prefetch_related("residents"))
    if not households:
        return
    users = _users(community)
    guard = users.get(Role.GATEKEEPER)
    _passes_and_trips(rng, households, users, guard, now, today)
    _arrivals(rng, community, households, guard, now)
    _returnees(rng, households, users.get(Role.STAFF), today)
    _disinfection(rng, community, users, now)


def _users(community):
    found = {}
    for m in Membership.objects.filter(community=community).select_related("user"):
        found.setdefault(m.role, m.user)
    return found


def _passes_and_trips(rng, households, users, guard, now, today):
    chosen = rng.sample(households, min(60, len(households)))
    passes = [
        ExitPass(
            household=h, valid_on=today if i < 45 else today - timedelta(days=2),
            code=codes.new_code(), issued_by=users.get(Role.CAPTAIN),
            resident=h.residents.all()[0] if i % 3 == 0 else None, requested=i % 5 == 0,
        )
        for i, h in enumerate(chosen)
    ]  # fmt: skip
    ExitPass.objects.bulk_create(passes)
    trips, refusals = [], []
    for i, p in enumerate(passes):
        member = p.resident or p.household.residents.all()[0]
        temperature = Decimal(f"36.{rng.randint(1, 8)}")
        if p.valid_on != today:  # two days ago: out and back within the limit
            out = now - timedelta(days=2, hours=rng.randint(1, 6))
            trips.append(_trip(p, member, out, out + timedelta(minutes=70), temperature, guard))
        elif i < 20:  # earlier today, back already
            out = now - timedelta(hours=rng.randint(3, 6), minutes=rng.randint(0, 59))
            back = out + timedelta(minutes=rng.randint(30, 110))
            trips.append(_trip(p, member, out, back, temperature, guard))
        elif i < 28:  # out now; the first two for longer than two hours
            out = now - (timedelta(hours=2, minutes=40) if i < 22 else timedelta(minutes=35))
            trips.append(_trip(p, member, out, None, temperature, guard))
        elif i == 28:
            refusals.append(_refusal(p, member, RefusalReason.FEVER, Decimal("37.8"), now, guard))
    Trip.objects.bulk_create(trips)
    GateRefusal.objects.bulk_create(refusals)


def _trip(p, member, out, back, temperature, guard):
    return Trip(
        household=p.household, exit_pass=p, resident=member, out_at=out, in_at=back,
        out_temperature=temperature, in_temperature=temperature if back else None,
        recorded_by=guard,
    )  # fmt: skip


def _refusal(p, member, reason, temperature, now, guard):
    return GateRefusal(
        household=p.household, exit_pass=p, resident=member, reason=reason,
        temperature=temperature, at=now - timedelta(minutes=50), recorded_by=guard,
    )  # fmt: skip


def _arrivals(rng, community, households, guard, now):
    rows = []
    for n in range(8):
        who, what = SUPPLIERS[n % len(SUPPLIERS)]
        rows.append(
            Arrival(
                community=community,
                kind=ArrivalKind.DELIVERY,
                who=who,
                what=what,
                household=rng.choice(households),
                at=now - timedelta(minutes=25 * n + 10),
                recorded_by=guard,
            )  # fmt: skip
        )
    rows.append(
        Arrival(
            community=community,
            kind=ArrivalKind.VISITOR,
            who="社区医院 李医生",
            what="上门随访",
            household=rng.choice(households),
            at=now - timedelta(hours=4),
            recorded_by=guard,
        )  # fmt: skip
    )
    Arrival.objects.bulk_create(rows)


def _returnees(rng, households, staff, today):
    for n in range(6):
        household = rng.choice(households)
        Returnee.objects.create(
            household=household, name=household.residents.all()[0].name, origin=ORIGINS[n],
            arrived_on=today - timedelta(days=rng.randint(1, 13)), recorded_by=staff,
        )  # fmt: skip


def _disinfection(rng, community, users, now):
    places = [
        Place(community=community, kind=PlaceKind.GATE, name=name, times_per_day=4)
        for name in ("东门", "西门")
    ] + [
        Place(community=community, kind=PlaceKind.BIN_STATION, name=name, times_per_day=2)
        for name in ("北侧垃圾站", "南侧垃圾站")
    ]  # fmt: skip
    for building in Building.objects.in_community(community):
        places.append(Place(community=community, building=building, kind=PlaceKind.LIFT,
                            name=f"{building.number}栋电梯", times_per_day=3))  # fmt: skip
        places.append(Place(community=community, building=building, kind=PlaceKind.STAIRWELL,
                            name=f"{building.number}栋楼道", times_per_day=1))  # fmt: skip
    Place.objects.bulk_create(places)
    workers = [u for role, u in users.items() if role in (Role.PROPERTY, Role.VOLUNTEER)]
    logs = []
    for place in places:
        interval = timedelta(hours=24) / place.times_per_day
        # Most places are on time; about one in eight is overdue.
        late = rng.random() < 0.12
        last = now - (interval * 1.3 if late else interval * rng.uniform(0.1, 0.9))
        for k in range(place.times_per_day):
            logs.append(DisinfectionLog(
                place=place, done_at=last - interval * k,
                done_by=rng.choice(workers) if workers else None, note="84消毒液" if k == 0 else "",
            ))  # fmt: skip
    DisinfectionLog.objects.bulk_create(logs)
