"""A generated city for benchmarks and load tests: districts → streets → communities
(about 3,000 residents each) → areas, compounds, buildings, units, households
(about 2.5 residents each) → residents with names, phones and tags.

People are drawn as the demo community draws them (`linli.community.demo`): the
same household make-ups, names by generation, ID numbers and vulnerability tags
at the demo's rates. Community `i` of seed `s` is drawn from its own
`random.Random(f"{s}:{i}")`, so a city is the same for the same seed and an
appended community does not change the ones before it.

Speed: rows are plain tuples with ids chosen here (the tables are locked while
the city is written), sent with COPY on PostgreSQL and `executemany` on
SQLite; a million residents take a few minutes rather than the quarter hour
of model instances through bulk_create. Like bulk_create it skips `save()`
and the audit signals, so it fills in what `save()` would (pinyin, sort keys).
"""

import functools
import itertools
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, transaction
from django.utils import timezone

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.community import demo
from linli.community.models import (
    Area,
    Building,
    Community,
    Compound,
    District,
    Household,
    Resident,
    ResidentTag,
    Street,
    Unit,
    number_sort_key,
)
from linli.community.names import pinyin_keys

RESIDENTS_PER_COMMUNITY = 3000
COMMUNITIES_PER_STREET = 4
BUILDINGS_PER_CAPTAIN = 3
FLUSH_ROWS = 60_000  # residents held in memory before they are written

DISTRICTS = ("江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区",
             "东西湖区", "汉南区", "蔡甸区", "江夏区", "黄陂区", "新洲区")  # fmt: skip
# Street and community names; never the demo's 中南路街道, so the demo and a city live side by side.
_STREET_WORDS = (
    "紫阳 首义 粮道 积玉桥 杨园 徐家棚 水果湖 珞珈山 白沙洲 南湖 黄鹤楼 石洞 民主 花桥 "
    "二七 永清 大智 一元 车站 四唯 球场 劳动 新华 唐家墩 汉兴 常青 北湖 前进 满春 万松 "
    "六角亭 宝丰 荣华 长丰 古田 鹦鹉 洲头 琴断口 江堤 建桥"
)
_STREET_WORDS = _STREET_WORDS.split()
_COMMUNITY_WORDS = (
    "翠微 桃源 梅苑 兰亭 竹园 菊香 松涛 柳岸 荷塘 枫林 春晖 夏荫 秋实 冬青 晴川 "
    "汉阳门 楚天 江城 东湖 沙湖 晒湖 月湖 莲湖 墨水湖 锦绣 和平 幸福 团结 友谊 建设 "
    "光明 红旗 新村 文华 体育 大成 复兴 长春 丽岛 金桥"
)
_COMMUNITY_WORDS = _COMMUNITY_WORDS.split()
_COMPOUND_WORDS = "凯旋 锦江 碧桂 金色 阳光 怡和 东方 中南 华城 绿洲 水岸 名都 香榭 丽景"
_COMPOUND_WORDS = _COMPOUND_WORDS.split()
_COMPOUND_KINDS = ("小区", "花园", "家园", "名邸", "新城")
AREA_NAMES = demo.AREA_NAMES

# Mobile prefixes the demo never draws from: a city's numbers and the demo's cannot meet.
_PREFIXES = "134 147 153 157 166 173 175 176 178 181 182 183 184 185 187 188 191 198 199"
_PREFIXES = _PREFIXES.split()
_PER_COMMUNITY = 10**6  # phone numbers one community may use
_LANDLINES_PER_COMMUNITY = 5000


class CityExists(Exception):
    pass


def _scramble(slot: int, space: int, seed: int) -> int:
    """A bijection of range(space) (space a power of ten): unique in, unique out,
    yet neighbours do not look like neighbours."""
    return (slot * 7_919_123 + seed * 104_729 + 3_141_592) % space


_SURNAME_CUM = list(itertools.accumulate(demo._SURNAME_WEIGHTS))
_KINDS, _KIND_WEIGHTS = zip(*demo._HOUSEHOLD_KINDS, strict=True)
_KIND_CUM = list(itertools.accumulate(_KIND_WEIGHTS))


class _Drawer(demo._Drawer):
    """The demo's drawer with numbers from this community's block: unique across
    the whole city without a set of every number drawn."""

    def __init__(self, rng, index, seed):
        super().__init__(rng)
        self.index, self.seed, self.mobiles, self.landlines = index, seed, 0, 0

    def surname(self):
        # The demo's draw with its weights summed once rather than per person.
        return self.rng.choices(demo._SURNAMES, cum_weights=_SURNAME_CUM)[0]

    def mobile(self):
        slot = self.index * _PER_COMMUNITY + self.mobiles
        self.mobiles += 1
        prefix = _PREFIXES[slot // 10**8]
        return f"{prefix}{_scramble(slot % 10**8, 10**8, self.seed):08d}"

    def phone_for(self, age):
        has_mobile = {age < 12: 0.0, age < 18: 0.6, age < 70: 0.97, age < 80: 0.6}.get(True, 0.35)
        if self.rng.random() < has_mobile:
            return self.mobile()
        if age >= 70 and self.rng.random() < 0.3 and self.landlines < _LANDLINES_PER_COMMUNITY:
            slot = self.index * _LANDLINES_PER_COMMUNITY + self.landlines
            self.landlines += 1
            return f"027-8{_scramble(slot, 10**7, self.seed):07d}"
        return ""


@dataclass
class Plan:
    """What `generate` will write: `sizes[i]` residents in community `first + i`."""

    first: int
    sizes: list
    seed: int

    @property
    def residents(self):
        return sum(self.sizes)


def plan(residents: int, communities: int | None = None, seed: int = 1, first: int = 0) -> Plan:
    if residents < 1:
        raise ValueError("residents must be at least 1")
    communities = communities or max(1, round(residents / RESIDENTS_PER_COMMUNITY))
    communities = min(communities, residents)
    base, extra = divmod(residents, communities)
    sizes = [base + (1 if i < extra else 0) for i in range(communities)]
    if first + communities > len(_PREFIXES) * 10**8 // _PER_COMMUNITY:
        raise ValueError("too many communities for the phone number blocks")
    if max(sizes) >= _PER_COMMUNITY:
        raise ValueError("too many residents in one community")
    return Plan(first, sizes, seed)


def street_of(index: int) -> tuple[str, str]:
    """(district, street) of community `index`: four communities a street, streets
    dealt round the districts."""
    street = index // COMMUNITIES_PER_STREET
    district = DISTRICTS[street % len(DISTRICTS)]
    word = _STREET_WORDS[(street // len(DISTRICTS)) % len(_STREET_WORDS)]
    lap = street // (len(DISTRICTS) * len(_STREET_WORDS))
    return district, f"{word}{'' if lap == 0 else lap + 1}街道"


def community_name(index: int) -> str:
    word = _COMMUNITY_WORDS[index % len(_COMMUNITY_WORDS)]
    lap = index // len(_COMMUNITY_WORDS)
    return f"{word}{'' if lap == 0 else lap + 1}社区"


def generated_streets():
    """The city's streets already in the database."""
    pattern = r"^(" + "|".join(_STREET_WORDS) + r")[0-9]*街道$"
    return Street.objects.filter(district__name__in=DISTRICTS, name__regex=pattern)


def existing_communities() -> int:
    return Community.objects.filter(street__in=generated_streets()).count()


# --- drawing one community -------------------------------------------------------------


@dataclass
class _Building:
    compound: int
    number: int
    units: int
    floors: int
    per_floor: int
    households: list = field(default_factory=list)


def _draw_community(index: int, size: int, seed: int):
    """Households (demo.PlannedHousehold, tagged) and buildings of one community."""
    rng = random.Random(f"{seed}:{index}")
    draw = _Drawer(rng, index, seed)
    households, count = [], 0
    while count < size:
        kind = rng.choices(_KINDS, cum_weights=_KIND_CUM)[0]
        people = demo._household(draw, kind)[: size - count]
        households.append(demo.PlannedHousehold(0, "", "", people, kind))
        count += len(people)
    demo._tag(rng, households)
    compounds = rng.randint(1, 4) if len(households) > 200 else 1
    buildings, rooms = [], []
    # Buildings until there are rooms for everyone with some empty (owners away at New Year).
    while len(rooms) * 0.85 < len(households) or len(buildings) < compounds:
        floors = rng.choice((6, 7, 7, 11, 12, 15, 18, 18, 18))
        per_floor = 2 if floors <= 7 else rng.choice((2, 3, 4))
        compound = len(buildings) % compounds
        number = sum(1 for b in buildings if b.compound == compound) + 1
        building = _Building(compound, number, rng.choice((2, 2, 3)), floors, per_floor)
        buildings.append(building)
        rooms += [(building, u, f"{f}{d:02d}") for u in range(1, building.units + 1)
                  for f in range(1, floors + 1) for d in range(1, per_floor + 1)]  # fmt: skip
    chosen = sorted(rng.sample(range(len(rooms)), len(households)))
    for household, slot in zip(households, chosen, strict=True):
        building, unit, room = rooms[slot]
        household.unit, household.room = unit, room
        building.households.append(household)
    names = [f"{rng.choice(_COMPOUND_WORDS)}{kind}" for kind in _COMPOUND_KINDS[:compounds]]
    return names, buildings


# --- writing --------------------------------------------------------------------------


class _Table:
    """Rows of one table with the ids this run gives them."""

    def __init__(self, model, columns):
        self.model, self.table, self.columns = model, model._meta.db_table, ("id", *columns)
        self.rows, self.next_id, self.written = [], 0, 0

    def add(self, *values) -> int:
        self.next_id += 1
        self.rows.append((self.next_id, *values))
        return self.next_id

    def reserve(self, cursor):
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.table}")  # noqa: S608
        self.next_id = cursor.fetchone()[0]

    def flush(self, cursor):
        if not self.rows:
            return
        columns = ", ".join(self.columns)
        if connection.vendor == "postgresql":
            # COPY: about ten times the rows a second of multi-row INSERTs.
            with cursor.cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(self.columns))
            sql = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"  # noqa: S608
            connection.connection.executemany(sql, self.rows)
        self.written += len(self.rows)
        self.rows = []


@functools.lru_cache(maxsize=65536)
def _pinyin(name):
    # A city has a few thousand distinct names: pypinyin once per name, not per person.
    return pinyin_keys(name)


class _Writer:
    def __init__(self, seed):
        self.seed = seed
        self.stamp = connection.ops.adapt_datetimefield_value(timezone.now())
        T = _Table  # noqa: N806
        self.communities = T(Community, ("street_id", "name"))
        self.areas = T(Area, ("community_id", "name"))
        self.compounds = T(Compound, ("community_id", "name"))
        self.buildings = T(Building, ("compound_id", "area_id", "number", "sort_key"))
        self.units = T(Unit, ("building_id", "number"))
        self.households = T(Household, ("building_id", "unit_id", "room", "note"))
        self.residents = T(Resident, (
            "household_id", "name", "phone", "sex", "birth_year", "id_number", "relation",
            "note", "name_pinyin", "name_initials", "created_at", "updated_at",
        ))  # fmt: skip
        self.tags = T(ResidentTag, ("resident_id", "tag"))
        self.tables = [self.communities, self.areas, self.compounds, self.buildings, self.units,
                       self.households, self.residents, self.tags]  # fmt: skip
        self.staff, self.captains = [], []  # (community index, community id, ...)

    def community(self, index, size, streets):
        compound_names, buildings = _draw_community(index, size, self.seed)
        community_id = self.communities.add(streets[street_of(index)], community_name(index))
        areas = [self.areas.add(community_id, name) for name in AREA_NAMES]
        compounds = [self.compounds.add(community_id, name) for name in compound_names]
        self.staff.append((index, community_id))
        building_ids = []
        for position, b in enumerate(buildings):
            area = areas[position * len(areas) // len(buildings)]
            number = str(b.number)
            building_id = self.buildings.add(
                compounds[b.compound], area, number, number_sort_key(number)
            )
            building_ids.append(building_id)
            units = {u: self.units.add(building_id, str(u)) for u in range(1, b.units + 1)}
            for h in b.households:
                household_id = self.households.add(building_id, units[h.unit], h.room, "")
                for p in h.residents:
                    pinyin, initials = _pinyin(p.name)
                    resident_id = self.residents.add(
                        household_id, p.name, p.phone, p.sex, p.birth_year, p.id_number,
                        p.relation, "", pinyin, initials, self.stamp, self.stamp,
                    )  # fmt: skip
                    for tag in p.tags:
                        self.tags.add(resident_id, tag)
        for start in range(0, len(building_ids), BUILDINGS_PER_CAPTAIN):
            chosen = building_ids[start : start + BUILDINGS_PER_CAPTAIN]
            self.captains.append((index, community_id, start // BUILDINGS_PER_CAPTAIN + 1, chosen))

    def logins(self):
        """One staff login per community and a captain per few buildings, none with a
        password: the load test signs them in with tokens and sessions."""
        unusable = UNUSABLE_PASSWORD_PREFIX + "generated-city"
        people = [(f"city{i}-staff", Role.STAFF, c, ()) for i, c in self.staff]
        people += [(f"city{i}-captain{n}", Role.CAPTAIN, c, b) for i, c, n, b in self.captains]
        users = User.objects.bulk_create(
            (User(username=name, password=unusable, display_name=name) for name, *_r in people),
            batch_size=2000,
        )
        memberships = Membership.objects.bulk_create(
            (Membership(user=u, role=role, community_id=c)
             for u, (_n, role, c, _b) in zip(users, people, strict=True)),
            batch_size=2000,
        )  # fmt: skip
        Through = Membership.buildings.through  # noqa: N806
        Through.objects.bulk_create(
            (Through(membership_id=m.pk, building_id=b)
             for m, (_n, _r, _c, buildings) in zip(memberships, people, strict=True)
             for b in buildings),
            batch_size=5000,
        )  # fmt: skip
        return len(users)


def _streets(plan_: Plan) -> dict:
    """The (district, street) pairs the plan needs, created when missing, to their ids."""
    wanted = {street_of(plan_.first + i) for i in range(len(plan_.sizes))}
    streets = {}
    for district_name, street_name in sorted(wanted):
        district, _created = District.objects.get_or_create(name=district_name)
        street, _created = Street.objects.get_or_create(district=district, name=street_name)
        streets[(district_name, street_name)] = street.pk
    return streets


def generate(residents, communities=None, seed=1, append=False, progress=None) -> dict:
    """Write a city of `residents` people; refuse if one exists, unless `append`.

    Returns counts of what was written. One transaction: a failure leaves nothing."""
    with transaction.atomic():
        existing = existing_communities()
        if existing and not append:
            raise CityExists(existing)
        plan_ = plan(residents, communities, seed, first=existing)
        streets = _streets(plan_)
        writer = _Writer(seed)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Ids are chosen here; nothing else may insert into these tables meanwhile.
                names = ", ".join(t.table for t in writer.tables)
                cursor.execute(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")
            for table in writer.tables:
                table.reserve(cursor)
            done = 0
            for offset, size in enumerate(plan_.sizes):
                writer.community(plan_.first + offset, size, streets)
                done += size
                if len(writer.residents.rows) >= FLUSH_ROWS or offset == len(plan_.sizes) - 1:
                    for table in writer.tables:
                        table.flush(cursor)
                    if progress:
                        progress(done, plan_.residents)
            if connection.vendor == "postgresql":
                for table in writer.tables:
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f"(SELECT MAX(id) FROM {table.table}))",  # noqa: S608
                        [table.table],
                    )
        users = writer.logins()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics, so the first queries against a new city plan well.
            cursor.execute("ANALYZE " + ", ".join(t.table for t in writer.tables))
    w = writer
    return {
        "communities": w.communities.written, "areas": w.areas.written,
        "compounds": w.compounds.written, "buildings": w.buildings.written,
        "units": w.units.written, "households": w.households.written,
        "residents": w.residents.written, "tags": w.tags.written, "users": users,
        "first_community": plan_.first,
    }  # fmt: skip
