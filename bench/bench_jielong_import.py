"""Pasting a whole building's 接龙: a 240-household building (30 floors, 2 units,
4 rooms), a post with an entry per household of 3 to 5 catalog items, a few
unknown products and keyboard slips. Timed: the preview (parse and match), the
preview page, the confirm that writes 240 orders, and the confirm of a repost
(all 240 replaced). The parse alone is the baseline of the preview."""

import datetime as dt
import random
import time

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.accounts.scope import Scope
from linli.community.models import Building, Community, Compound, District, Household, Street, Unit
from linli.groupbuy import jielong_import as service
from linli.groupbuy import views_jielong
from linli.groupbuy.catalog_io import load_catalog_csv
from linli.groupbuy.jielong import parse
from linli.groupbuy.models import Order, Product, Round

FLOORS, UNITS, ROOMS = 30, 2, 4
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def _world():
    street = Street.objects.create(district=District.objects.create(name="武昌区"), name="中南路")
    community = Community.objects.create(street=street, name="武南村社区")
    building = Building.objects.create(
        compound=Compound.objects.create(community=community, name="凯旋名邸"), number="9"
    )
    households = []
    for u in range(1, UNITS + 1):
        unit = Unit.objects.create(building=building, number=str(u))
        households += [
            Household(building=building, unit=unit, room=f"{floor}{room:02d}")
            for floor in range(1, FLOORS + 1)
            for room in range(1, ROOMS + 1)
        ]
    Household.objects.bulk_create(households)
    captain = User.objects.create_user("captain9", password="x")
    membership = Membership.objects.create(user=captain, role=Role.CAPTAIN, community=community)
    membership.buildings.set([building])
    now = timezone.now()
    round_ = Round.objects.create(
        community=community, title="蔬菜团购", opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=1),
    )  # fmt: skip
    return captain, round_


def _post(seed: int, bump: int = 0) -> str:
    rng = random.Random(seed)
    names = list(Product.objects.values_list("name", flat=True))
    lines = ["#接龙", "凯旋名邸9栋 2月20日 蔬菜团购", "例：9-1-101 张三 土豆2斤", ""]
    n = 0
    for u in range(1, UNITS + 1):
        for floor in range(1, FLOORS + 1):
            for room in range(1, ROOMS + 1):
                n += 1
                chosen = rng.sample(names, rng.randint(3, 5))
                items = [f"{p}{rng.randint(1, 5) + bump}" for p in chosen]
                if n % 50 == 0:
                    items.append("折耳根1斤")  # not in the catalog
                if n % 60 == 0:
                    items.append("土逗2斤")  # a keyboard slip for 土豆
                name = rng.choice(SURNAMES) + rng.choice("彬丽强芳伟娟")
                lines.append(f"{n}. 9-{u}-{floor}{room:02d} {name} " + " ".join(items))
    return "\n".join(lines) + "\n"


def run() -> list[dict]:
    load_catalog_csv()
    captain, round_ = _world()
    scope = Scope(captain)
    text = _post(1)
    households = FLOORS * UNITS * ROOMS

    catalog = Product.objects.all().catalog()
    _, parse_s = _timed(lambda: parse(text, catalog))
    staged, stage_s = _timed(lambda: service.stage(round_, text, captain, scope))
    ready = sum(service.is_ready(e) for e in staged.entries)
    assert ready == households - len({*range(50, 241, 50), *range(60, 241, 60)}), ready

    request = RequestFactory().get("/")
    request.user = captain
    with CaptureQueriesContext(connection) as queries:
        page, page_s = _timed(lambda: views_jielong.preview(request, pk=staged.pk))
    assert page.status_code == 200

    (_, applied), confirm_s = _timed(lambda: service.confirm(staged.pk, captain, scope))
    assert applied and Order.objects.count() == ready

    again = service.stage(round_, _post(1, bump=1), captain, scope)
    (done, _), repost_s = _timed(lambda: service.confirm(again.pk, captain, scope))
    assert Order.objects.count() == ready
    assert all(p["action"] == "updated" for p in done.summary["placed"])

    note = f"{households} households, 3-5 items each"
    return [
        {"name": f"接龙 import: preview of a building's post ({note})", "value": stage_s,
         "unit": "s", "target": "< 1 s", "baseline": {"value": parse_s, "note": "parse alone"}},
        {"name": "接龙 import: preview page of 240 entries", "value": page_s, "unit": "s",
         "target": "< 1 s"},
        {"name": "接龙 import: queries for the preview page", "value": len(queries), "unit":
         "queries", "target": "constant, < 20"},
        {"name": f"接龙 import: confirm, {ready} orders written", "value": confirm_s, "unit": "s",
         "target": "< 5 s"},
        {"name": f"接龙 import: confirm of the repost, {ready} orders replaced", "value": repost_s,
         "unit": "s", "target": "< 5 s"},
    ]  # fmt: skip
