from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from linli.gate.choices import PlaceKind
from linli.gate.models import ExitPass, Place

WUHAN = ZoneInfo("Asia/Shanghai")


def at(month, day, hour=9, minute=0):
    """A moment in Wuhan in 2020."""
    return datetime(2020, month, day, hour, minute, tzinfo=WUHAN)


@pytest.fixture
def feb20(time_machine):
    """9:00 on 20 February 2020 in Wuhan; the clock stands still until moved."""
    time_machine.move_to(at(2, 20), tick=False)
    return time_machine


@pytest.fixture
def todays_pass(world, feb20):
    """A pass of today for 黄彬's household, issued by the captain of building 3."""
    return ExitPass.issue(world.household3, at(2, 20).date(), world.users["captain3"])


@pytest.fixture
def lift(world):
    return Place.objects.create(
        community=world.community, building=world.building3, kind=PlaceKind.LIFT,
        name="3栋1单元电梯", times_per_day=3,
    )  # fmt: skip
