"""Shared fixtures: a small community with a named user on each side of every
permission line (the captain of building 3 and the captain of building 5, …)."""

from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.community.choices import Relation, Tag
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

PASSWORD = "linli-test-2020"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def no_collected_static(tmp_path_factory):
    """WhiteNoise lists every file of STATIC_ROOT each time a test client builds
    its middleware: once `linli serve` or `make run` has collected the static
    files into var/static, that is some 800 files per test. Tests read pages,
    not collected files (the live server serves static files from the apps)."""
    empty = override_settings(STATIC_ROOT=str(tmp_path_factory.mktemp("static")))
    empty.enable()
    yield
    empty.disable()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow by design; tests create dozens of users.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@dataclass
class World:
    community: Community
    other_community: Community
    area: Area
    building3: Building
    building5: Building
    other_building: Building
    household3: Household  # 3栋1单元201, 黄彬's home
    household5: Household  # 5栋1单元101
    other_household: Household
    huangbin: Resident
    resident5: Resident
    users: dict


def make_user(username, role=None, phone=None, **scope):
    user = User.objects.create_user(username, password=PASSWORD, phone=phone)
    if role:
        buildings = scope.pop("buildings", [])
        membership = Membership.objects.create(user=user, role=role, **scope)
        if buildings:  # set([]) still asks the database what to remove
            membership.buildings.set(buildings)
    return user


@pytest.fixture
def world(db) -> World:
    district = District.objects.create(name="武昌区")
    street = Street.objects.create(district=district, name="中南路街道")
    community = Community.objects.create(street=street, name="武南村社区")
    other_community = Community.objects.create(street=street, name="宝通寺社区")
    compound = Compound.objects.create(community=community, name="凯旋名邸")
    other_compound = Compound.objects.create(community=other_community, name="宝通花园")
    area = Area.objects.create(community=community, name="一片区")
    area2 = Area.objects.create(community=community, name="二片区")
    b3 = Building.objects.create(compound=compound, number="3", area=area)
    b5 = Building.objects.create(compound=compound, number="5", area=area2)
    bo = Building.objects.create(compound=other_compound, number="1")
    h3 = Household.objects.create(
        building=b3, unit=Unit.objects.create(building=b3, number="1"), room="201"
    )
    h5 = Household.objects.create(
        building=b5, unit=Unit.objects.create(building=b5, number="1"), room="101"
    )
    ho = Household.objects.create(building=bo, room="101")
    huangbin = Resident.objects.create(
        household=h3, name="黄彬", phone="13900000003", sex="m", birth_year=1980,
        id_number="420106198001010015", relation=Relation.HEAD,
    )  # fmt: skip
    r5 = Resident.objects.create(household=h5, name="王秀英", phone="13900000005", birth_year=1942)
    ResidentTag.objects.create(resident=r5, tag=Tag.ELDERLY_ALONE)
    Resident.objects.create(household=ho, name="李强", phone="13900000009")
    c = {"community": community}
    users = {
        "superuser": User.objects.create_superuser("root", password=PASSWORD),
        "staff": make_user("futingting", Role.STAFF, **c),
        "other_staff": make_user("other_staff", Role.STAFF, community=other_community),
        "area_leader": make_user("area1", Role.AREA_LEADER, area=area, **c),
        "captain3": make_user("captain3", Role.CAPTAIN, phone="13700000003", buildings=[b3], **c),
        "captain5": make_user("captain5", Role.CAPTAIN, phone="13700000005", buildings=[b5], **c),
        "resident": make_user("huangbin", Role.RESIDENT, phone="13900000003", household=h3, **c),
        "resident5": make_user("wang", Role.RESIDENT, phone="13900000005", household=h5, **c),
        "social_worker": make_user("sw", Role.SOCIAL_WORKER, **c),
        "psychologist": make_user("psy", Role.PSYCHOLOGIST, **c),
        "doctor": make_user("doc", Role.DOCTOR, **c),
        "volunteer": make_user("vol", Role.VOLUNTEER, **c),
        "property": make_user("wuye", Role.PROPERTY, **c),
        "supplier": make_user("shop", Role.SUPPLIER, **c),
        "viewer": make_user("street", Role.VIEWER, street=street),
        "nobody": make_user("nobody"),
        "gatekeeper": make_user("menwei", Role.GATEKEEPER, **c),
    }
    return World(community, other_community, area, b3, b5, bo, h3, h5, ho, huangbin, r5, users)


def demo_once(*args):
    """A module-scoped fixture: `linli demo *args` built once for the module's tests.

    Building the demo takes a second or more; a module of tests that only read it
    need not build it for each test. The demo is written inside a transaction that
    is rolled back after the module; each test's own transaction nests inside it,
    so what a test changes is undone as usual. Not for transactional_db tests, and
    the module's other tests see the demo too once it is built.
    """

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        fast = override_settings(PASSWORD_HASHERS=FAST_HASHERS)  # as the tests will check
        with django_db_blocker.unblock(), transaction.atomic():
            with fast:
                call_command("demo", *args, stdout=StringIO())
            yield
            transaction.set_rollback(True)

    return fixture


@pytest.fixture
def sms_outbox(settings):
    """The texts sent during the test, like Django's mail.outbox."""
    from linli.accounts.sms import MemoryBackend

    settings.LINLI_SMS_BACKEND = "linli.accounts.sms.MemoryBackend"
    MemoryBackend.outbox.clear()
    yield MemoryBackend.outbox
    MemoryBackend.outbox.clear()


# The PostgreSQL pass runs only what touches a database: a test that runs without
# database access (pytest-django refuses it otherwise) cannot depend on the engine,
# and the SQLite pass has already run it.
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def pytest_addoption(parser):
    parser.addoption(
        "--database-only",
        action="store_true",
        help="run only the tests that use the database (the second engine's pass)",
    )


def uses_database(item) -> bool:
    if item.get_closest_marker("django_db"):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-only"):
        return
    kept, dropped = [], []
    for item in items:
        (kept if uses_database(item) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
