"""Page-number pagination, shared by every API list: ?page=&page_size= (at most
200) gives {"items", "count", "page", "pages"}."""

import pytest

from linli.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from linli.community.models import Household, Unit


@pytest.fixture
def households(world):
    """World's building 3 with 250 households (251 with 黄彬's)."""
    unit = Unit.objects.create(building=world.building3, number="9")
    Household.objects.bulk_create(
        Household(building=world.building3, unit=unit, room=str(1000 + i)) for i in range(250)
    )
    return 251


def page(as_user, world, **params):
    response = as_user(world.users["captain3"], "households", **params)
    return response.status_code, response.json()


def test_a_list_without_parameters_is_the_first_page_of_50(as_user, world, households):
    status, body = page(as_user, world)
    assert status == 200
    assert len(body["items"]) == DEFAULT_PAGE_SIZE
    assert (body["count"], body["page"], body["pages"]) == (households, 1, 6)


def test_pages_cover_every_item_once_in_order(as_user, world, households):
    seen = []
    for number in range(1, 4):
        status, body = page(as_user, world, page=number, page_size=100)
        assert status == 200 and body["pages"] == 3
        seen += [h["id"] for h in body["items"]]
    in_order = Household.objects.filter(building=world.building3).values_list("pk", flat=True)
    assert seen == list(in_order)
    assert len(body["items"]) == 51


def test_a_page_of_the_largest_size_is_allowed(as_user, world, households):
    status, body = page(as_user, world, page_size=MAX_PAGE_SIZE)
    assert status == 200
    assert len(body["items"]) == MAX_PAGE_SIZE
    assert body["pages"] == 2


@pytest.mark.parametrize(
    ("params", "field", "kind"),
    [
        ({"page_size": MAX_PAGE_SIZE + 1}, "page_size", "less_than_equal"),
        ({"page_size": 0}, "page_size", "greater_than_equal"),
        ({"page": 0}, "page", "greater_than_equal"),
        ({"page": -1}, "page", "greater_than_equal"),
        ({"page": "two"}, "page", "int_parsing"),
    ],
)
def test_out_of_bounds_parameters_are_422_naming_the_field(
    as_user, world, households, params, field, kind
):
    status, body = page(as_user, world, **params)
    assert status == 422
    [detail] = body["error"]["details"]
    assert detail["loc"] == ["query", field]
    assert detail["type"] == kind


def test_the_page_size_limit_is_stated_in_the_message(as_user, world, households):
    _status, body = page(as_user, world, page_size=500)
    assert body["error"]["details"][0]["message"] == "不能大于 200。"


def test_a_page_past_the_end_is_empty_and_says_how_many_pages_there_are(as_user, world, households):
    status, body = page(as_user, world, page=99)
    assert status == 200
    assert body == {"items": [], "count": households, "page": 99, "pages": 6}


def test_an_empty_list_has_one_empty_page(as_user, world):
    response = as_user(world.users["volunteer"], "households")
    assert response.json() == {"items": [], "count": 0, "page": 1, "pages": 1}
