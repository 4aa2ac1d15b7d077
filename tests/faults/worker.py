"""One step of a crash scenario, in its own process, on the database that
LINLI_DATABASE_URL names:

    python -m tests.faults.worker SCENARIO STEP [STEP...] [--file PATH]

`seed` writes (and commits) what the operation needs; `run` performs the
operation the way the server does. With LINLI_FAULT_PAUSE set, `run` stops at
that pause point (linli/front/faults.py) with its transaction open, and the
test kills the process there.
"""

import argparse
import datetime
import os
import sys
from decimal import Decimal

import django

COMMUNITY = "故障测试社区"
STAFF = "fault_staff"
SECRET = "fault-test-token-0123456789abcdefghijklmnopqrstuvwxyz"
ROUND = "故障测试批次"
HOUSEHOLDS = 24
ROSTER_ROWS = 60


def _community():
    from linli.accounts.choices import Role
    from linli.accounts.models import Membership, User
    from linli.community.models import Community, Compound, District, Street

    street = Street.objects.create(district=District.objects.create(name="故障区"), name="故障街")
    community = Community.objects.create(street=street, name=COMMUNITY)
    compound = Compound.objects.create(community=community, name="故障小区")
    staff = User.objects.create_user(STAFF)  # no password: the hasher is slow by design
    Membership.objects.create(user=staff, role=Role.STAFF, community=community)
    return community, compound, staff


def _households(compound, n):
    from linli.community.models import Building, Household, Resident

    building = Building.objects.create(compound=compound, number="1")
    households = [Household.objects.create(building=building, room=f"{101 + i}") for i in range(n)]
    for i, h in enumerate(households):
        Resident.objects.create(household=h, name=f"居民{i}", phone=f"139{i:08d}")
    return households


# The roster import: `linli import_roster FILE --commit`.


def seed_import(file):
    from tests.roster_factory import csv_bytes, roster_rows

    _community()
    with open(file, "wb") as f:
        f.write(csv_bytes(roster_rows(ROSTER_ROWS)))


def run_import(file):
    from django.core.management import call_command

    call_command("import_roster", file, community=COMMUNITY, commit=True, user=STAFF)


# Receiving a round: counts, fair shares, the round's state, hand-outs, bills.


def seed_receive(file):
    from linli.community.choices import Tag
    from linli.community.models import ResidentTag
    from linli.groupbuy.choices import Channel, RoundState
    from linli.groupbuy.models import Order, OrderLine, Product, Round

    community, compound, staff = _community()
    households = _households(compound, HOUSEHOLDS)
    # Doorstep bags make volunteer tasks too: one more kind of record the step writes.
    for h in households[:4]:
        ResidentTag.objects.create(resident=h.residents.first(), tag=Tag.ELDERLY_ALONE)
    cabbage = Product.objects.create(name="故障白菜", unit="斤", price=Decimal("1.50"))
    eggs = Product.objects.create(name="故障鸡蛋", unit="斤", price=Decimal("6.00"))
    now = datetime.datetime.now(datetime.UTC)
    round_ = Round.objects.create(
        community=community, title=ROUND, opens_at=now - datetime.timedelta(days=2),
        closes_at=now - datetime.timedelta(days=1), state=RoundState.ORDERED, created_by=staff,
    )  # fmt: skip
    for h in households:
        order = Order.objects.create(round=round_, household=h, channel=Channel.PROXY)
        OrderLine.objects.create(order=order, product=cabbage, quantity=4, unit="斤")
        OrderLine.objects.create(order=order, product=eggs, quantity=2, unit="斤")


def run_receive(file):
    from linli.accounts.models import User
    from linli.groupbuy import fulfil
    from linli.groupbuy.models import Product, Round

    round_ = Round.objects.get(title=ROUND)
    # Less cabbage than ordered, so the shares are not simply the orders.
    arrivals = [(Product.objects.get(name="故障白菜").pk, Decimal("70"), None),
                (Product.objects.get(name="故障鸡蛋").pk, Decimal("48"), None)]  # fmt: skip
    fulfil.receive_round(round_, arrivals, User.objects.get(username=STAFF))


# A batch of check-ins through the API, with a bearer token.


def seed_checkins(file):
    from linli.api.keys import hash_secret, prefix_of
    from linli.api.models import ApiToken

    _community_, compound, staff = _community()
    _households(compound, HOUSEHOLDS)
    ApiToken.objects.create(
        user=staff, name="故障测试", prefix=prefix_of(SECRET), key_hash=hash_secret(SECRET)
    )


def run_checkins(file):
    from django.test import Client

    from linli.community.models import Resident

    residents = Resident.objects.filter(
        household__building__compound__community__name=COMMUNITY
    ).order_by("pk")
    items = [{"resident": r.pk, "temperature": "36.5"} for r in residents]
    response = Client(SERVER_NAME="localhost").post(
        "/api/checkins/batch", {"items": items}, content_type="application/json",
        headers={"Authorization": f"Bearer {SECRET}"},
    )  # fmt: skip
    if response.status_code != 200:
        sys.exit(f"batch refused: {response.status_code} {response.content[:500]!r}")


# Rounds past their cut-off, for `linli close_rounds`.


def seed_rounds(file):
    from linli.groupbuy.models import Round

    community, _compound, staff = _community()
    now = datetime.datetime.now(datetime.UTC)
    for i in range(3):
        Round.objects.create(
            community=community, title=f"{ROUND}{i}", opens_at=now - datetime.timedelta(days=2),
            closes_at=now - datetime.timedelta(hours=1 + i), created_by=staff,
        )  # fmt: skip


STEPS = {
    ("import", "seed"): seed_import, ("import", "run"): run_import,
    ("receive", "seed"): seed_receive, ("receive", "run"): run_receive,
    ("checkins", "seed"): seed_checkins, ("checkins", "run"): run_checkins,
    ("rounds", "seed"): seed_rounds,
}  # fmt: skip


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario")
    parser.add_argument("steps", nargs="+")
    parser.add_argument("--file")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    django.setup()
    for step in args.steps:
        STEPS[args.scenario, step](args.file)
        print(f"done {step}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
