"""Notices fixtures over the shared `world`: building 3 gets four more residents,
two of them without a smartphone, and an announcement that reaches only it."""

import pytest

from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag
from linli.notices.choices import Priority, Reach
from linli.notices.models import Announcement


@pytest.fixture
def building3_people(world):
    """黄彬's household plus 3栋1单元202 (two people) and 3栋1单元301 (one, with a
    second member of 黄彬's household): five residents in building 3 in all."""
    unit = world.household3.unit
    h202 = Household.objects.create(building=world.building3, unit=unit, room="202")
    h301 = Household.objects.create(building=world.building3, unit=unit, room="301")
    people = {
        "huangbin": world.huangbin,
        "wife": Resident.objects.create(
            household=world.household3, name="刘敏", phone="13900000013"
        ),
        "grandpa": Resident.objects.create(household=h202, name="张德海", phone="13900000022"),
        "grandma": Resident.objects.create(household=h202, name="陈桂兰", phone="13900000023"),
        "single": Resident.objects.create(household=h301, name="赵刚", phone="13900000031"),
    }
    for key in ("grandpa", "grandma"):
        ResidentTag.objects.create(resident=people[key], tag=Tag.NO_SMARTPHONE)
    return people


@pytest.fixture
def to_building3(world, building3_people):
    announcement = Announcement.objects.create(
        community=world.community, reach=Reach.BUILDINGS, title="3栋今晚消杀",
        body="今晚八点消杀楼道，请关好门窗。", priority=Priority.IMPORTANT,
        author=world.users["staff"],
    )  # fmt: skip
    announcement.buildings.set([world.building3])
    return announcement


@pytest.fixture
def to_community(world):
    return Announcement.objects.create(
        community=world.community, reach=Reach.COMMUNITY, title="出门证规定",
        body="每户每三天一人外出采购。", priority=Priority.URGENT, pinned=True,
        author=world.users["staff"],
    )  # fmt: skip
