"""The group-buying API: rounds, catalog, orders; the same scope and cut-off as the pages."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from linli.groupbuy.choices import Channel
from linli.groupbuy.models import Order, Round
from linli.groupbuy.ordering import place_order
from tests.api.conftest import bearer
from tests.groupbuy.fixtures_rounds import CLOSES, OPENS

SECOND = dt.timedelta(seconds=1)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(client, world):
    """Call the API as a named user of the world: api("staff", "get", "rounds")."""

    def call(who, method, path, body=None):
        headers = bearer(world.users[who])
        if method == "get":
            return client.get(f"/api/{path}", headers=headers)
        return client.put(f"/api/{path}", body, content_type="application/json", headers=headers)

    return call


def order_path(round, household):
    return f"rounds/{round.pk}/orders/{household.pk}"


CABBAGE = {"lines": [{"product": "白菜", "quantity": "2.5"}, {"product": "土豆", "quantity": 1}]}


def test_staff_list_the_round_with_its_state_and_cut_off(api, grocery_round, during_round):
    body = api("staff", "get", "rounds").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["state"], item["accepts_orders"]) == ("open", True)
    assert item["title"] == "2月20日蔬菜团购"
    assert item["closes_at"].startswith("2020-02-20T18:00:00+08:00")


def test_a_round_past_its_cut_off_is_listed_as_closed(api, grocery_round):
    with time_machine.travel(CLOSES + SECOND, tick=False):
        item = api("staff", "get", f"rounds/{grocery_round.pk}").json()
    assert (item["state"], item["accepts_orders"]) == ("closed", False)
    assert item["suppliers"][0]["name"] == "武商超市"


def test_staff_of_another_community_get_404_on_the_round(api, grocery_round):
    response = api("other_staff", "get", f"rounds/{grocery_round.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_catalog_of_a_round_lists_only_what_its_suppliers_sell(api, grocery_round):
    everything = {p["name"] for p in api("resident", "get", "catalog").json()["items"]}
    offered = {p["name"] for p in api("resident", "get", f"catalog?round={grocery_round.pk}")
               .json()["items"]}  # fmt: skip
    assert "口罩" in everything
    assert offered == everything - {"口罩"}


def test_a_resident_places_their_own_order_by_name_and_alias(
    api, world, grocery_round, during_round
):
    response = api("resident", "put", order_path(grocery_round, world.household3), CABBAGE)
    assert response.status_code == 200, response.content
    body = response.json()
    assert [(line["product"], line["quantity"]) for line in body["lines"]] == [
        ("大白菜", "2.50"), ("土豆", "1.00")
    ]  # fmt: skip
    assert (body["channel"], body["entered_by"]) == ("api", "huangbin")


def test_putting_the_same_order_twice_replaces_it(api, world, grocery_round, during_round):
    path = order_path(grocery_round, world.household3)
    first = api("captain3", "put", path, CABBAGE).json()
    second = api("captain3", "put", path, {"lines": [{"product": "鸡蛋", "quantity": 3}]}).json()
    assert first["id"] == second["id"]
    assert Order.objects.count() == 1
    assert [line["product"] for line in second["lines"]] == ["鸡蛋"]


def test_an_order_after_the_cut_off_is_refused_with_round_closed(api, world, grocery_round):
    with time_machine.travel(CLOSES, tick=False):
        response = api("resident", "put", order_path(grocery_round, world.household3), CABBAGE)
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "round_closed"
    assert "已截单" in error["message"]
    assert not Order.objects.exists()


def test_an_unknown_product_is_a_422_naming_the_line(api, world, grocery_round, during_round):
    body = {"lines": [{"product": "白菜", "quantity": 1}, {"product": "榴莲", "quantity": 1}]}
    response = api("resident", "put", order_path(grocery_round, world.household3), body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unknown_product"
    assert error["details"][0]["loc"] == ["body", "lines", "1"]


def test_a_zero_quantity_is_a_validation_error(api, world, grocery_round, during_round):
    body = {"lines": [{"product": "白菜", "quantity": 0}]}
    response = api("resident", "put", order_path(grocery_round, world.household3), body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize(
    ("who", "household", "status"),
    [("captain3", "household3", 200), ("captain3", "household5", 404),
     ("resident", "household3", 200), ("resident", "household5", 404),
     ("staff", "household5", 200), ("area_leader", "household3", 200),
     ("supplier", "household3", 404), ("volunteer", "household3", 404),
     ("property", "household3", 404), ("other_staff", "household3", 404)],
)  # fmt: skip
def test_who_may_place_an_order_for_which_household(
    api, world, grocery_round, during_round, who, household, status
):
    response = api(who, "put", order_path(grocery_round, getattr(world, household)), CABBAGE)
    assert response.status_code == status, response.content
    assert Order.objects.filter(household=getattr(world, household)).exists() is (status == 200)


def test_the_orders_of_a_round_are_those_in_the_callers_scope(
    api, world, grocery_round, during_round, products
):
    for household in (world.household3, world.household5):
        place_order(grocery_round, household, [(products["土豆"], 1, "斤")], channel=Channel.SELF)
    path = f"rounds/{grocery_round.pk}/orders"
    assert api("staff", "get", path).json()["count"] == 2
    mine = api("captain3", "get", path).json()["items"]
    assert [o["household_id"] for o in mine] == [world.household3.pk]
    assert api("supplier", "get", path).json()["count"] == 0


def test_an_order_is_read_by_its_household_and_404_for_another(
    api, world, grocery_round, during_round, products
):
    order = place_order(
        grocery_round, world.household5, [(products["土豆"], 1, "斤")], channel=Channel.PROXY,
        entered_by=world.users["captain5"],
    )  # fmt: skip
    assert api("resident5", "get", f"orders/{order.pk}").json()["entered_by"] == "captain5"
    assert api("resident", "get", f"orders/{order.pk}").status_code == 404


def stamped(moment):
    """The header nginx adds on arrival: X-Request-Start: t=<seconds since 1970>."""
    return {"X-Request-Start": f"t={moment.timestamp():.3f}"}


def put_late_but_stamped(client, world, grocery_round, stamp):
    headers = {**bearer(world.users["resident"]), **stamped(stamp)}
    with time_machine.travel(CLOSES + 2 * SECOND, tick=False):
        return client.put(
            f"/api/{order_path(grocery_round, world.household3)}", CABBAGE,
            content_type="application/json", headers=headers,
        )  # fmt: skip


def test_behind_nginx_an_order_that_arrived_before_the_cut_off_counts_though_handled_after(
    client, world, grocery_round, settings
):
    settings.LINLI_PROXY_COUNT = 1
    response = put_late_but_stamped(client, world, grocery_round, CLOSES - SECOND)
    assert response.status_code == 200, response.content


def test_without_a_proxy_the_arrival_header_is_the_clients_word_and_ignored(
    client, world, grocery_round, settings
):
    settings.LINLI_PROXY_COUNT = 0
    response = put_late_but_stamped(client, world, grocery_round, CLOSES - SECOND)
    assert response.json()["error"]["code"] == "round_closed"


def test_an_arrival_stamp_from_long_before_the_request_is_not_believed(
    client, world, grocery_round, settings
):
    settings.LINLI_PROXY_COUNT = 1
    response = put_late_but_stamped(client, world, grocery_round, CLOSES - 60 * SECOND)
    assert response.json()["error"]["code"] == "round_closed"


@pytest.fixture
def building5_round(world, supermarket):
    """A round for 5栋 alone: 黄彬 (the world's resident) lives in 3栋."""
    round = Round.objects.create(community=world.community, title="5栋专场", scope="buildings",
                                 opens_at=OPENS, closes_at=CLOSES)  # fmt: skip
    round.buildings.add(world.building5)
    return round


@pytest.mark.parametrize(
    ("who", "sees"), [("resident", False), ("resident5", True), ("staff", True)]
)
def test_a_resident_lists_only_the_rounds_that_cover_their_household(
    api, grocery_round, building5_round, who, sees
):
    titles = {r["title"] for r in api(who, "get", "rounds").json()["items"]}
    assert "2月20日蔬菜团购" in titles
    assert ("5栋专场" in titles) is sees
    assert api(who, "get", f"rounds/{building5_round.pk}").status_code == (200 if sees else 404)
