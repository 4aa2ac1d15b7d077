"""The gate API: passes and who is out, scoped like the pages, with no temperatures."""

from decimal import Decimal

import pytest

from linli.gate.models import ExitPass
from tests.api.conftest import bearer
from tests.gate.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_get(client):
    def get(user, path, **params):
        response = client.get(f"/api/{path}", params, headers=bearer(user))
        assert response.status_code == 200, response.content
        return response.json()

    return get


@pytest.fixture
def three_passes(world, feb20):
    return [
        ExitPass.issue(household, at(2, 20).date(), None)
        for household in (world.household3, world.household5, world.other_household)
    ]


@pytest.mark.parametrize(
    "who, addresses",
    [
        ("gatekeeper", {"3栋1单元201", "5栋1单元101"}),
        ("staff", {"3栋1单元201", "5栋1单元101"}),
        ("captain3", {"3栋1单元201"}),
        ("resident", {"3栋1单元201"}),
        ("other_staff", {"1栋101"}),
        ("doctor", set()),
        ("volunteer", set()),
    ],
)
def test_each_role_lists_the_passes_of_its_scope(api_get, world, three_passes, who, addresses):
    body = api_get(world.users[who], "passes")
    assert {item["address"] for item in body["items"]} == addresses


def test_passes_of_one_day(api_get, world, three_passes):
    ExitPass.issue(world.household3, at(2, 23).date(), None)
    body = api_get(world.users["staff"], "passes", day="2020-02-23")
    assert [item["valid_on"] for item in body["items"]] == ["2020-02-23"]


def test_gate_roles_see_who_is_out_and_who_is_late_without_temperatures(
    api_get, world, three_passes, feb20
):
    three_passes[0].go_out(world.huangbin, Decimal("36.5"), None)
    feb20.move_to(at(2, 20, 10), tick=False)
    three_passes[1].go_out(world.resident5, Decimal("36.6"), None)
    feb20.move_to(at(2, 20, 11, 30), tick=False)
    items = api_get(world.users["gatekeeper"], "trips/out")["items"]
    assert [(i["resident"], i["overdue"]) for i in items] == [("黄彬", True), ("王秀英", False)]
    assert not any("temperature" in key for item in items for key in item)


@pytest.mark.parametrize("who", ["captain3", "resident", "doctor", "other_staff"])
def test_who_is_out_is_an_empty_list_outside_the_gate(api_get, world, three_passes, who):
    three_passes[0].go_out(world.huangbin, Decimal("36.5"), None)
    assert api_get(world.users[who], "trips/out")["items"] == []
