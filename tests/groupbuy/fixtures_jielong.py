"""Fixtures for pasting 接龙 posts: more households in building 3, and a post."""

import pytest

from linli.community.models import Household, Unit

TITLE = "#接龙\n凯旋名邸3栋 2月20日 蔬菜团购\n例：3-1-101 张三 土豆2斤\n\n"
# A post of building 3 with five households, all in the catalog of `products`.
V1 = [
    "1. 3-1-201 黄彬 土豆3斤 鸡蛋2斤",
    "2. 3-1-101 李 大白菜2斤",
    "3. 3-1-102 王 大米1袋",
    "4. 3-1-202 赵 土豆2斤",
    "5. 3-1-301 钱 鸡蛋1斤",
]


def post(*lines, title=TITLE):
    return title + "\n".join(lines) + "\n"


@pytest.fixture
def homes(world):
    """Building 3: unit 1 rooms 101-401 (201 is 黄彬's), and a 201 in unit 2 too."""
    b3 = world.building3
    unit1 = world.household3.unit
    unit2 = Unit.objects.create(building=b3, number="2")
    made = {"1-201": world.household3}
    for room in ("101", "102", "202", "301", "302", "401"):
        made[f"1-{room}"] = Household.objects.create(building=b3, unit=unit1, room=room)
    made["2-201"] = Household.objects.create(building=b3, unit=unit2, room="201")
    return made
