"""The demo community of the source story: 武昌区 → 中南路街道 → 武南村社区, compound
凯旋名邸, where 付婷婷 is party secretary and 黄彬 orders 茼蒿 and 鲫鱼 from 9栋1单元201.

Two halves. `plan()` is pure: it draws buildings, households, residents and
demo logins from `random.Random(2020)`, so the same arguments always give the
same community (tests and screenshots can name a resident). `build()` writes a
plan in a handful of bulk inserts; bulk_create skips `save()` and the audit
signals, so it fills in what `save()` would (pinyin keys, sort keys) itself.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.community.choices import Relation, Sex, Tag
from linli.community.idcard import check_digit
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
)
from linli.community.names import pinyin_keys

SEED = 2020
YEAR = 2020  # ages are as of the lockdown
PASSWORD = "linli2020"  # every password login of the demo; documented in docs/demo.md
DEFAULT_RESIDENTS = 3000
MIN_BUILDINGS = 20
AREA_NAMES = ("一片区", "二片区", "三片区", "四片区")

DISTRICT, STREET, COMMUNITY, COMPOUND = "武昌区", "中南路街道", "武南村社区", "凯旋名邸"
HUANGBIN = {"name": "黄彬", "phone": "13971000001", "building": 9, "unit": "1", "room": "201"}

# Surnames weighted by how common they are, nudged towards Hubei (胡, 熊, 汪, 余, 涂).
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓冯韩曹曾彭肖蔡潘田董袁于余叶蒋杜"
    "苏魏程吕丁沈任姚卢付钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶"
    "贺顾毛郝龚邵万覃武涂喻"
)
_SURNAME_WEIGHTS = (
    [71, 70, 68, 54, 46, 31, 25, 23, 20, 19, 15, 14, 13, 13, 20, 12, 11, 11, 11, 9, 9, 9, 8, 7]
    + [7, 6, 6, 6, 6, 6, 6, 9, 6, 5, 5, 5, 5, 5, 5, 9, 5, 5, 5, 5, 5, 8, 4, 4, 4, 4, 4, 4]
    + [4, 4, 4, 4, 4, 4, 4, 8, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 10, 3, 3, 3, 3, 3, 3, 3, 2]
    + [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 5, 2, 2, 4, 3]
)

# Given names by generation and sex: 建国 and 秀英 are grandparents, 子轩 and 欣怡 are
# in primary school. One-character names are mixed in as they are in real rosters.
_GIVEN = {
    (
        1955,
        Sex.MALE,
    ): "建国 国强 德明 志华 文华 长林 桂生 金山 国庆 福生 振华 建华 树林 春生 永福 德福"
    " 宝山 海清 汉生 楚生 明 华 忠 林 福 清",
    (1955, Sex.FEMALE): "秀英 桂英 秀兰 玉兰 桂兰 凤英 淑珍 玉珍 翠兰 美兰 素芬 桂芳 秀珍 凤兰 金凤"
    " 菊香 春梅 冬梅 兰 英 珍 芳",
    (1979, Sex.MALE): "建军 卫东 红兵 志强 建平 国华 伟 勇 军 斌 涛 海涛 晓东 立新 卫国 光明 永刚"
    " 新华 剑 平 刚 汉桥",
    (1979, Sex.FEMALE): "红 丽 燕 艳 红梅 丽华 玉梅 秀梅 春燕 小红 丽娟 海燕 晓红 建英 卫红 桂华 霞"
    " 萍 琴 莉",
    (1999, Sex.MALE): "伟 磊 强 鹏 杰 浩 超 涛 明 俊 鑫 亮 波 辉 志远 俊杰 文博 海波 晓明 宇 健 峰"
    " 帆 凯",
    (1999, Sex.FEMALE): "静 丽 敏 婷 娟 洁 燕 倩 颖 琳 雪 芳 晶 丹 佳 婷婷 丹丹 晓燕 雪梅 思琪 佳怡"
    " 文静 璐 蕾",
    (9999, Sex.MALE): "子轩 浩然 宇轩 梓豪 浩宇 俊熙 一鸣 博文 天佑 梓睿 皓轩 睿 诺 晨 奕辰 沐阳"
    " 宇航 子墨 锦程 泽宇",
    (9999, Sex.FEMALE): "子涵 欣怡 梓涵 诗涵 可馨 雨桐 一诺 梓萱 语桐 紫涵 佳琪 若曦 欣妍 思彤 雨萱"
    " 梦琪 芷若 诗琪",
}
_GIVEN = {key: names.split() for key, names in _GIVEN.items()}

# Mobile prefixes of the three carriers; 137 is left to the captains' demo phones.
_MOBILE_PREFIXES = "130 131 132 133 135 136 138 139 150 151 152 155 156 158 159 177 180 186 189"
_MOBILE_PREFIXES = _MOBILE_PREFIXES.split()
# Where residents' ID numbers were issued: mostly Wuchang, the rest of Wuhan, rural Hubei.
_REGIONS = ("420106",) * 10 + ("420111", "420111", "420102", "420103", "420104", "420105")
_REGIONS += ("420982", "421122", "420683", "421281")

# Household make-ups (weight per 100 households), tuned so 3,000 residents live
# in about 1,200 households with ~12% aged 70 and over.
_HOUSEHOLD_KINDS = (
    ("elderly_alone", 8),
    ("elderly_couple", 10),
    ("single", 15),
    ("couple", 15),
    ("nuclear", 32),
    ("three_generations", 11),
    ("elder_with_child", 9),
)


@dataclass
class PlannedResident:
    name: str
    sex: str
    birth_year: int
    relation: str
    phone: str = ""
    id_number: str = ""
    tags: list = field(default_factory=list)

    @property
    def age(self):
        return YEAR - self.birth_year


@dataclass
class PlannedHousehold:
    building: int
    unit: str
    room: str
    residents: list
    kind: str = ""

    @property
    def short_address(self):
        return f"{self.building}-{self.unit}-{self.room}"


@dataclass
class PlannedBuilding:
    number: int
    area: int  # index into AREA_NAMES
    units: int
    floors: int
    per_floor: int

    def rooms(self):
        for unit in range(1, self.units + 1):
            for floor in range(1, self.floors + 1):
                for door in range(1, self.per_floor + 1):
                    yield str(unit), f"{floor}{door:02d}"


@dataclass
class DemoLogin:
    username: str
    name: str  # the person's or the organisation's name
    role: str  # a Role, or "" for the superuser
    title: str = ""  # what the person does, for the printed list and docs/demo.md
    phone: str | None = None
    building: int | None = None  # captains
    area: int | None = None  # area leaders
    household: str | None = None  # residents: short address 9-1-201
    sees: str = ""  # viewers: "street" or "district"

    @property
    def display_name(self):
        """楼栋长 张建国: residents know their captain and area leader by role and name."""
        if self.role in (Role.CAPTAIN, Role.AREA_LEADER):
            return f"{Role(self.role).label} {self.name}"
        return self.name


@dataclass
class Plan:
    buildings: list
    households: list
    logins: list

    @property
    def residents(self):
        return [r for h in self.households for r in h.residents]


def captain_phone(building: int) -> str:
    """13700000009 for building 9: easy to type when trying the code login."""
    return f"137{building:08d}"


class _Drawer:
    """Draws people with names, phones and ID numbers that fit their age and sex."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.phones = {HUANGBIN["phone"]}
        self.id_numbers = set()

    def surname(self):
        return self.rng.choices(_SURNAMES, _SURNAME_WEIGHTS)[0]

    def given(self, birth_year, sex):
        era = next(year for year in (1955, 1979, 1999, 9999) if birth_year <= year)
        return self.rng.choice(_GIVEN[(era, sex)])

    def person(self, surname, age, sex, relation):
        birth_year = YEAR - age
        name = surname + self.given(birth_year, sex)
        while name == HUANGBIN["name"]:  # the story has one 黄彬
            name = surname + self.given(birth_year, sex)
        person = PlannedResident(name, sex, birth_year, relation)
        person.phone = self.phone_for(age)
        if self.rng.random() < 0.6:
            person.id_number = self.id_number(birth_year, sex)
        return person

    def phone_for(self, age):
        has_mobile = {age < 12: 0.0, age < 18: 0.6, age < 70: 0.97, age < 80: 0.6}.get(True, 0.35)
        if self.rng.random() < has_mobile:
            return self.mobile()
        if age >= 70 and self.rng.random() < 0.3:
            return self.unique(lambda: f"027-8{self.rng.randrange(10**7):07d}")
        return ""

    def mobile(self):
        return self.unique(
            lambda: self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
        )

    def unique(self, draw):
        number = draw()
        while number in self.phones:
            number = draw()
        self.phones.add(number)
        return number

    def id_number(self, birth_year, sex):
        while True:
            born = datetime.date(birth_year, 1, 1) + datetime.timedelta(self.rng.randrange(365))
            # The 17th digit is odd for men and even for women.
            sequence = self.rng.randrange(50) * 20 + self.rng.randrange(5) * 2
            sequence += 1 if sex == Sex.MALE else 0
            first17 = f"{self.rng.choice(_REGIONS)}{born:%Y%m%d}{sequence:03d}"
            number = first17 + check_digit(first17)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number


def _household(draw: _Drawer, kind: str) -> list[PlannedResident]:
    rng, male, female = draw.rng, Sex.MALE, Sex.FEMALE
    surname = draw.surname()

    def couple(age_low, age_high):
        age = rng.randint(age_low, age_high)
        return [
            draw.person(surname, age, male, Relation.HEAD),
            draw.person(draw.surname(), max(age - rng.randint(0, 5), 20), female, Relation.SPOUSE),
        ]

    def children(parent_age, count, relation=Relation.CHILD):
        youngest_parent = max(parent_age - 22, 0)
        return [
            draw.person(
                surname,
                rng.randint(0, min(youngest_parent, 30)),
                rng.choice((male, female)),
                relation,
            )
            for _ in range(count)
        ]

    if kind == "elderly_alone":
        sex = female if rng.random() < 0.65 else male  # mostly widows
        return [draw.person(surname, rng.randint(70, 93), sex, Relation.HEAD)]
    if kind == "elderly_couple":
        return couple(60, 86)
    if kind == "single":
        sex = rng.choice((male, female))
        return [draw.person(surname, rng.randint(22, 62), sex, Relation.HEAD)]
    if kind == "couple":
        return couple(25, 60)
    if kind == "nuclear":
        people = couple(28, 50)
        return people + children(people[1].age, 1 if rng.random() < 0.8 else 2)
    if kind == "three_generations":
        people = couple(30, 48)
        people += children(people[1].age, 1 if rng.random() < 0.85 else 2)
        grandfather_age = people[0].age + rng.randint(24, 32)
        people.append(draw.person(surname, grandfather_age, male, Relation.PARENT))
        if len(people) < 5 and rng.random() < 0.5:
            grandmother_age = grandfather_age - rng.randint(0, 4)
            people.append(draw.person(draw.surname(), grandmother_age, female, Relation.PARENT))
        return people
    # An elderly parent with the grown-up child who moved back in, sometimes with a grandchild.
    sex = female if rng.random() < 0.6 else male
    head = draw.person(surname, rng.randint(62, 90), sex, Relation.HEAD)
    child_age = head.age - rng.randint(24, 34)
    people = [head, draw.person(surname, child_age, rng.choice((male, female)), Relation.CHILD)]
    if rng.random() < 0.3:
        people += children(child_age, 1, Relation.GRANDCHILD)
    return people


def _tag(rng: random.Random, households: list[PlannedHousehold]) -> None:
    for household in households:
        for person in household.residents:
            age, tags = person.age, person.tags
            if age >= 70:
                tags.append(Tag.ELDERLY_70)
            if household.kind == "elderly_alone":
                tags.append(Tag.ELDERLY_ALONE)
            if age < 14:
                tags.append(Tag.CHILD)
            chronic = 0.01 if age < 40 else 0.08 if age < 60 else 0.25 if age < 70 else 0.4
            if rng.random() < chronic:
                tags.append(Tag.CHRONIC)
            if rng.random() < (0.04 if age >= 70 else 0.015):
                tags.append(Tag.DISABILITY)
            if person.sex == Sex.FEMALE and 22 <= age <= 40 and rng.random() < 0.07:
                tags.append(Tag.PREGNANT)
            no_smartphone = 0.85 if age >= 75 else 0.3 if age >= 70 else 0.0
            if rng.random() < no_smartphone or (age >= 60 and not person.phone.startswith("1")):
                tags.append(Tag.NO_SMARTPHONE)
    # Whole households: a doctor or nurse living at the hospital, or sent home to quarantine.
    families = [h for h in households if len(h.residents) >= 2]
    medical = rng.sample(families, min(len(families), max(1, round(len(families) * 0.022))))
    quarantined = rng.sample(households, min(len(households), max(2, len(households) // 150)))
    for tag, chosen in ((Tag.MEDICAL_FAMILY, medical), (Tag.QUARANTINE, quarantined)):
        for household in chosen:
            for person in household.residents:
                person.tags.append(tag)


def _huangbin_household(draw: _Drawer) -> PlannedHousehold:
    rng = draw.rng
    huangbin = PlannedResident(
        HUANGBIN["name"],
        Sex.MALE,
        1980,
        Relation.HEAD,
        phone=HUANGBIN["phone"],
        id_number=draw.id_number(1980, Sex.MALE),
    )
    people = [huangbin, draw.person(draw.surname(), 38, Sex.FEMALE, Relation.SPOUSE)]
    people.append(draw.person("黄", 9, rng.choice((Sex.MALE, Sex.FEMALE)), Relation.CHILD))
    return PlannedHousehold(HUANGBIN["building"], HUANGBIN["unit"], HUANGBIN["room"], people)


def _buildings(rng: random.Random, households: int) -> list[PlannedBuilding]:
    buildings = []
    # Keep some flats empty: many owners were away for the New Year.
    while (
        len(buildings) < MIN_BUILDINGS
        or sum(b.units * b.floors * b.per_floor for b in buildings) < households / 0.85
    ):
        floors = rng.choice((6, 7, 7, 11, 12, 15, 18, 18, 18))
        per_floor = 2 if floors <= 7 else rng.choice((2, 3, 4))
        buildings.append(
            PlannedBuilding(len(buildings) + 1, 0, rng.choice((2, 2, 3)), floors, per_floor)
        )
    for building in buildings:
        building.area = (building.number - 1) * len(AREA_NAMES) // len(buildings)
    return buildings


def plan(residents: int = DEFAULT_RESIDENTS, seed: int = SEED) -> Plan:
    """The whole demo community with `residents` people, the same for the same arguments."""
    rng = random.Random(seed)
    draw = _Drawer(rng)
    huangbin = _huangbin_household(draw)
    huangbin.residents = huangbin.residents[:residents]
    households, count = [huangbin], len(huangbin.residents)
    kinds, weights = zip(*_HOUSEHOLD_KINDS, strict=True)
    while count < residents:
        kind = rng.choices(kinds, weights)[0]
        people = _household(draw, kind)[: residents - count]
        households.append(PlannedHousehold(0, "", "", people, kind))
        count += len(people)

    buildings = _buildings(rng, len(households))
    home = (HUANGBIN["building"], HUANGBIN["unit"], HUANGBIN["room"])
    rooms = [
        (b.number, *room) for b in buildings for room in b.rooms() if (b.number, *room) != home
    ]
    taken = sorted(rng.sample(rooms, len(households) - 1), key=_room_order)
    for household, (building, unit, room) in zip(households[1:], taken, strict=True):
        household.building, household.unit, household.room = building, unit, room
    households.sort(key=lambda h: _room_order((h.building, h.unit, h.room)))
    _tag(rng, households)
    return Plan(buildings, households, _logins(rng, draw, buildings, households))


def _room_order(address):
    building, unit, room = address
    return building, unit, int(room)


def _logins(rng, draw, buildings, households) -> list[DemoLogin]:
    def name(age=60):
        return draw.surname() + draw.given(YEAR - age, rng.choice((Sex.MALE, Sex.FEMALE)))

    L, R = DemoLogin, Role  # noqa: N806 (short names keep the table readable)
    logins = [
        L("admin", "管理员", "", "系统管理员"),
        L("futingting", "付婷婷", R.STAFF, "武南村社区党委书记"),
        L("staff2", name(35), R.STAFF, "社区工作者"),
    ]
    for index, area in enumerate(AREA_NAMES):
        title = f"{area}片长"
        logins.append(L(f"pianzhang{index + 1}", name(66), R.AREA_LEADER, title, area=index))
    for building in buildings:
        # The captain is a retired neighbour in the building: a household head
        # of 50 to 75 whose phone becomes the captain's demo phone.
        phone = captain_phone(building.number)
        heads = [
            h.residents[0]
            for h in households
            if h.building == building.number and 50 <= h.residents[0].age <= 75
        ]
        heads = [
            head
            for head in heads
            if head.name != HUANGBIN["name"] and Tag.NO_SMARTPHONE not in head.tags
        ]
        captain = rng.choice(heads) if heads else None
        if captain:
            captain.phone = phone
        title = f"{building.number}栋楼栋长"
        person = captain.name if captain else name(65)
        logins.append(
            L(f"captain{building.number}", person, R.CAPTAIN, title, phone, building.number)
        )
    home = f"{HUANGBIN['building']}-{HUANGBIN['unit']}-{HUANGBIN['room']}"
    logins += [
        L(
            "huangbin",
            "黄彬",
            R.RESIDENT,
            f"凯旋名邸{HUANGBIN['building']}栋1单元201居民",
            phone=HUANGBIN["phone"],
            household=home,
        ),
        L("chenlanlan", "陈兰兰", R.SOCIAL_WORKER, "逸飞社会工作服务中心理事长"),
        L("shegong1", name(30), R.SOCIAL_WORKER, "逸飞社会工作服务中心社工"),
        L("xinli1", name(40), R.PSYCHOLOGIST, "逸飞社会工作服务中心心理咨询师"),
        L("yisheng1", name(45), R.DOCTOR, "逸飞社会工作服务中心志愿医生"),
        L("zhiyuan1", name(28), R.VOLUNTEER, "社区志愿者"),
        # Named, not drawn: a drawn name here would change every name drawn after it.
        L("dudao1", "王慧敏", R.SOCIAL_WORKER, "逸飞社会工作服务中心督导"),
        L("wuye", "凯旋名邸物业", R.PROPERTY, "凯旋名邸物业服务中心"),
        L("menwei", "周建华", R.GATEKEEPER, "凯旋名邸东门门岗"),
        L("chaoshi", "武南生鲜超市", R.SUPPLIER, "超市"),
        L("yaodian", "康宁大药房", R.SUPPLIER, "药店"),
        L("jiedao", STREET, R.VIEWER, "街道查看", sees="street"),
        L("quji", DISTRICT, R.VIEWER, "区级查看", sees="district"),
    ]
    return logins


# Writing a plan.


@transaction.atomic
def build(plan_: Plan) -> Community:
    """Write the plan into the database in a few bulk inserts; return the community."""
    district, _created = District.objects.get_or_create(name=DISTRICT)
    street, _created = Street.objects.get_or_create(district=district, name=STREET)
    community = Community.objects.create(street=street, name=COMMUNITY)
    compound = Compound.objects.create(community=community, name=COMPOUND)
    areas = Area.objects.bulk_create([Area(community=community, name=n) for n in AREA_NAMES])
    buildings = {
        b.number: Building(
            compound=compound, area=areas[b.area], number=str(b.number), sort_key=b.number
        )
        for b in plan_.buildings
    }
    Building.objects.bulk_create(buildings.values())
    units = {
        (b.number, str(u)): Unit(building=buildings[b.number], number=str(u))
        for b in plan_.buildings
        for u in range(1, b.units + 1)
    }
    Unit.objects.bulk_create(units.values())
    households = {
        h.short_address: Household(
            building=buildings[h.building], unit=units[(h.building, h.unit)], room=h.room
        )
        for h in plan_.households
    }
    Household.objects.bulk_create(households.values())
    residents, tags = [], []
    for planned in plan_.households:
        for p in planned.residents:
            pinyin, initials = pinyin_keys(p.name)  # what Resident.save() would compute
            resident = Resident(
                household=households[planned.short_address],
                name=p.name,
                phone=p.phone,
                sex=p.sex,
                birth_year=p.birth_year,
                id_number=p.id_number,
                relation=p.relation,
                name_pinyin=pinyin,
                name_initials=initials,
            )
            residents.append(resident)
            tags += [ResidentTag(resident=resident, tag=t) for t in p.tags]
    Resident.objects.bulk_create(residents, batch_size=500)
    ResidentTag.objects.bulk_create(tags, batch_size=1000)
    _write_logins(plan_.logins, community, areas, buildings, households)
    return community


def _write_logins(logins, community, areas, buildings, households) -> None:
    # One hash for everyone: hashing is slow on purpose, and forty identical
    # hashes would cost the demo most of its build time.
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        User(
            username=login.username,
            display_name=login.display_name,
            phone=login.phone,
            password=password,
            is_staff=not login.role,
            is_superuser=not login.role,
        )
        for login in logins
    )
    memberships, captains = [], []
    for user, login in zip(users, logins, strict=True):
        if not login.role:
            continue
        membership = Membership(user=user, role=login.role, community=community)
        if login.area is not None:
            membership.area = areas[login.area]
        if login.household:
            membership.household = households[login.household]
        if login.sees:  # street and district viewers see roll-ups, not one community
            membership.community = None
            membership.street = community.street if login.sees == "street" else None
            membership.district = community.street.district if login.sees == "district" else None
        if login.building is not None:
            captains.append((membership, buildings[login.building]))
        memberships.append(membership)
    Membership.objects.bulk_create(memberships)
    Through = Membership.buildings.through  # noqa: N806
    Through.objects.bulk_create(Through(membership_id=m.pk, building_id=b.pk) for m, b in captains)


def login_lines(logins: list[DemoLogin]) -> list[str]:
    """The logins as `linli demo` and `make run` print them; captains on one line."""
    lines = [_("演示账号，密码都是 %(password)s：") % {"password": PASSWORD}]
    captains = [login for login in logins if login.role == Role.CAPTAIN]
    for login in logins:
        if login.role == Role.CAPTAIN and login is not captains[0]:
            continue
        if login.role == Role.CAPTAIN:
            first, last = captains[0], captains[-1]
            username = f"{first.username} … {last.username}"
            what = _("%(role)s｜%(first)s–%(last)s栋各一位；手机 %(p1)s … %(p2)s 可验证码登录")
            what %= {
                "role": Role.CAPTAIN.label,
                "first": first.building,
                "last": last.building,
                "p1": first.phone,
                "p2": last.phone,
            }
        else:
            role = Role(login.role).label if login.role else _("超级用户")
            what = f"{role}｜{login.name}，{login.title}"
            if login.phone:
                what += _("；也可用手机 %(phone)s 验证码登录") % {"phone": login.phone}
        lines.append(f"  {username if login.role == Role.CAPTAIN else login.username:<24}{what}")
    lines.append(_("验证码由默认短信后端写在服务器日志里。"))
    return lines
