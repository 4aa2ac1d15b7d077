"""Matching 1,000 open needs against 200 professionals (target under 1 s in all).

Seeded with bulk_create on the harness's SQLite: five communities of 200
households, a need in each household (one in ten a crisis), 200 professionals
serving one or two communities each, with 600 open cases between them as their
load. Timed from reading the needs and the candidates out of the database to
the three suggestions with their reasons for every need, best of three; the
pure ranking alone is reported beside it. Run alone with
`python bench/bench_matching.py`.
"""

import random
import sys
import time
from pathlib import Path

NEEDS = 1_000
PROFESSIONALS = 200
COMMUNITIES = 5
OPEN_CASES = 600
REPEATS = 3
ROOT = Path(__file__).resolve().parent.parent


def seed():
    from django.utils import timezone

    from linli.accounts.models import User
    from linli.cases.choices import Category, Channel, NeedStatus, Profession, Specialty
    from linli.cases.models import Case, Need, Professional, response_deadline
    from linli.community.models import (
        Building,
        Community,
        Compound,
        District,
        Household,
        Resident,
    )  # fmt: skip

    rng = random.Random(2020)
    street = District.objects.create(name="武昌区").streets.create(name="中南路街道")
    communities = Community.objects.bulk_create(
        [Community(street=street, name=f"社区{n}") for n in range(COMMUNITIES)]
    )
    compounds = Compound.objects.bulk_create(
        [Compound(community=c, name=f"小区{c.pk}") for c in communities]
    )
    buildings = Building.objects.bulk_create([
        Building(compound=compound, number=str(n), sort_key=n)
        for compound in compounds for n in range(1, 11)
    ])  # fmt: skip
    per_building = (NEEDS + OPEN_CASES) // len(buildings) + 1
    households = Household.objects.bulk_create([
        Household(building=b, room=f"{n + 1:02d}01") for b in buildings for n in range(per_building)
    ])  # fmt: skip
    Resident.objects.bulk_create(
        [Resident(household=h, name="住户", birth_year=rng.choice((1940, 1975, 1990)))
         for h in households]
    )  # fmt: skip
    users = User.objects.bulk_create(
        [User(username=f"pro{n}", password="!") for n in range(PROFESSIONALS)]
    )
    specialties, professions = list(Specialty.values), list(Profession.values)
    pros = Professional.objects.bulk_create([
        Professional(
            user=u, name=f"专业人员{n}", profession=rng.choice(professions),
            specialties=rng.sample(specialties, 2), capacity=rng.randint(4, 10),
            languages=["普通话", "武汉话"] if n % 3 == 0 else ["普通话"],
            duty_start="08:00" if n % 2 else "20:00", duty_end="20:00" if n % 2 else "08:00",
        )
        for n, u in enumerate(users)
    ])  # fmt: skip
    through = Professional.communities.through
    through.objects.bulk_create([
        through(professional=p, community=c)
        for p in pros for c in rng.sample(communities, rng.choice((1, 2)))
    ])  # fmt: skip
    now = timezone.now()
    categories = list(Category.values)

    def need(household, status):
        priority = 1 if rng.random() < 0.1 else rng.choice((2, 3, 4))
        return Need(
            household=household, category=rng.choice(categories), channel=Channel.RESIDENT,
            priority=priority, crisis=priority == 1, consent=True, status=status,
            text="屋里冇得米了" if rng.random() < 0.2 else "需要帮助",
            reasons=[{"code": "suicidal_thoughts", "text": "想死"}] if priority == 1 else [],
            created_at=now, due_at=response_deadline(priority, now),
        )  # fmt: skip

    Need.objects.bulk_create([need(h, NeedStatus.NEW) for h in households[:NEEDS]])
    worked = Need.objects.bulk_create(
        [need(h, NeedStatus.ACTIVE) for h in households[NEEDS : NEEDS + OPEN_CASES]]
    )
    Case.objects.bulk_create(
        [Case(need=n, lead=pros[i % PROFESSIONALS]) for i, n in enumerate(worked)]
    )


def _best(fn):
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def measure() -> list[dict]:
    from linli.cases import matching
    from linli.cases.choices import NeedStatus
    from linli.cases.models import Need
    from linli.cases.suggest import candidates, needs_for_matching, suggest_many, summarise_need

    seed()

    def everything():
        return suggest_many(needs_for_matching(Need.objects.filter(status=NeedStatus.NEW)))

    total, suggestions = _best(everything)
    assert len(suggestions) == NEEDS and all(0 < len(s) <= 3 for s in suggestions)
    needs = [summarise_need(n) for n in needs_for_matching(Need.objects.filter(status="new"))]
    _, summaries = candidates(range(1, COMMUNITIES + 10))
    pure, _ = _best(lambda: matching.rank_many(needs, summaries))
    # The worst case for the rules: no two needs alike, every one ranked on its own.
    unshared, _ = _best(lambda: [matching.rank(n, summaries) for n in needs])
    size = f"{NEEDS:,} needs × {PROFESSIONALS} professionals"
    return [
        {"name": f"matching: suggestions with reasons, {size}, from the database (SQLite)",
         "value": round(total * 1000, 1), "unit": "ms", "target": "under 1000 ms"},
        {"name": f"matching: the pure ranking alone, {size}",
         "value": round(pure * 1000, 1), "unit": "ms"},
        {"name": f"matching: the pure ranking, every need ranked on its own, {size}",
         "value": round(unshared * 1000, 1), "unit": "ms"},
    ]  # fmt: skip


def run() -> list[dict]:
    from bench.run import attempt

    return attempt("matching", measure)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from bench.run import main as harness_main

    sys.exit(harness_main(["bench_matching"]))
