"""The supervisor dashboard on 100 and on 10,000 cases: render time and query count.

Seeded with bulk_create on the harness's throwaway SQLite: one community of 2,000
households, 40 professionals serving it (one a supervisor), and for each case its
need (mostly answered, some overdue, escalated or from a care flag), an open or
closed case with a lead, and a follow-up due today on open ones; some offers wait.
The dashboard is rendered by the test client as the supervisor, best of five; its
query count must be the same at both sizes. Matching 1,000 needs against 200
professionals is bench_matching.py's. Run alone with `python bench/bench_cases.py`.
"""

import random
import sys
import time
from datetime import timedelta
from pathlib import Path

SMALL, LARGE = 100, 10_000  # cases
HOUSEHOLDS = 2_000
PROFESSIONALS = 40
REPEATS = 5
ROOT = Path(__file__).resolve().parent.parent


def seed_world():
    from linli.accounts.models import User
    from linli.cases.choices import Profession, Specialty
    from linli.cases.models import Professional
    from linli.community.models import Building, Community, Compound, District, Household

    street = District.objects.create(name="武昌区").streets.create(name="中南路街道")
    community = Community.objects.create(street=street, name="武南村社区")
    compound = Compound.objects.create(community=community, name="凯旋名邸")
    buildings = Building.objects.bulk_create(
        [Building(compound=compound, number=str(n), sort_key=n) for n in range(1, 21)]
    )
    households = Household.objects.bulk_create(
        [
            Household(building=buildings[n % 20], room=f"{n // 20 + 1:03d}")
            for n in range(HOUSEHOLDS)
        ]
    )
    users = User.objects.bulk_create(
        [User(username=f"pro{n}", password="!") for n in range(PROFESSIONALS)]
    )
    rng = random.Random(2020)
    pros = Professional.objects.bulk_create([
        Professional(
            user=u, name=f"专业人员{n}", profession=rng.choice(Profession.values),
            specialties=rng.sample(Specialty.values, 2), capacity=rng.randint(4, 12),
            is_supervisor=n == 0,
        )
        for n, u in enumerate(users)
    ])  # fmt: skip
    through = Professional.communities.through
    through.objects.bulk_create([through(professional=p, community=community) for p in pros])
    return households, pros


def add_cases(count, households, pros, rng):
    """`count` cases, each on its need, open ones with a follow-up due; and a tenth as
    many needs with no case yet, offered or waiting (some overdue and escalated)."""
    from django.utils import timezone

    from linli.cases.choices import AssignmentStatus, CaseStatus, Category, Channel, NeedStatus
    from linli.cases.models import Assignment, Case, FollowUp, Need, response_deadline

    now, today = timezone.now(), timezone.localdate()
    needs, fates = [], []
    for n in range(count + count // 10):
        priority = rng.choice((1, 2, 2, 3, 3, 3, 4, 4))
        created = now - timedelta(minutes=rng.randint(10, 60 * 24 * 30))
        due = response_deadline(priority, created)
        if n < count:
            fate = rng.choices(("open", "closed"), (60, 40))[0]
        else:
            fate = rng.choice(("offered", "waiting", "waiting"))
        answered = fate in ("open", "closed")
        took = timedelta(minutes=rng.randint(5, 60 * 30))
        needs.append(Need(
            household=households[n % len(households)], category=rng.choice(Category.values),
            channel=Channel.PHONE, priority=priority, crisis=priority == 1, consent=True,
            text="需要帮助", created_at=created, due_at=due,
            status={"open": NeedStatus.ACTIVE, "closed": NeedStatus.CLOSED,
                    "offered": NeedStatus.OFFERED, "waiting": NeedStatus.NEW}[fate],
            first_response_at=min(now, created + took) if answered else None,
            escalated_at=due if fate == "waiting" and due < now and n % 2 else None,
            source_key=f"careflag:bench{rng.random()}" if n % 25 == 0 else "",
        ))  # fmt: skip
        fates.append(fate)
    needs = Need.objects.bulk_create(needs, batch_size=1000)
    cases, offers = [], []
    for n, (need, fate) in enumerate(zip(needs, fates, strict=True)):
        lead = pros[n % len(pros)]
        if fate in ("open", "closed"):
            status = CaseStatus.OPEN if fate == "open" else CaseStatus.CLOSED
            cases.append(Case(need=need, lead=lead, status=status))
        elif fate == "offered":
            offers.append(Assignment(need=need, professional=lead))
    cases = Case.objects.bulk_create(cases, batch_size=1000)
    Assignment.objects.bulk_create(offers, batch_size=1000)
    FollowUp.objects.bulk_create(
        [FollowUp(case=c, due_on=today - timedelta(days=rng.randint(0, 2)))
         for c in cases if c.status == CaseStatus.OPEN],
        batch_size=1000,
    )  # fmt: skip
    assert all(o.status == AssignmentStatus.OFFERED for o in offers)


def _render(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/cases/dashboard/")
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return min(times) * 1000, len(queries)


def measure() -> list[dict]:
    from django.test import Client, override_settings

    from linli.cases.models import Case

    households, pros = seed_world()
    rng = random.Random(2020)
    add_cases(SMALL, households, pros, rng)
    figures = {}
    with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False):
        client = Client()
        client.force_login(pros[0].user)
        client.get("/cases/dashboard/")  # warm up templates and URL resolvers
        figures[SMALL] = (_render(client), Case.objects.count())
        add_cases(LARGE - SMALL, households, pros, rng)
        figures[LARGE] = (_render(client), Case.objects.count())
    (small_ms, small_q), small_cases = figures[SMALL]
    (large_ms, large_q), large_cases = figures[LARGE]
    assert small_q == large_q, f"queries grew from {small_q} to {large_q}"
    return [
        {"name": f"supervisor dashboard: render, {small_cases:,} cases",
         "value": round(small_ms, 1), "unit": "ms"},
        {"name": f"supervisor dashboard: render, {large_cases:,} cases",
         "value": round(large_ms, 1), "unit": "ms", "target": "under 500 ms"},
        {"name": f"supervisor dashboard: queries at {small_cases:,} cases",
         "value": small_q, "unit": "queries"},
        {"name": f"supervisor dashboard: queries at {large_cases:,} cases",
         "value": large_q, "unit": "queries", "target": f"the same as at {small_cases:,}"},
    ]  # fmt: skip


def run() -> list[dict]:
    from bench.run import attempt

    return attempt("supervisor dashboard", measure)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from bench.run import main as harness_main

    sys.exit(harness_main(["bench_cases"]))
