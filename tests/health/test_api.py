"""The check-in API: scoping and privacy as on the pages, all-or-nothing batches."""

import pytest

from linli.health.models import CheckIn, VisitTask
from tests.api.conftest import bearer


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def post(client, user, path, body):
    return client.post(f"/api/{path}", body, content_type="application/json", headers=bearer(user))


def test_a_captain_submits_for_their_building_and_a_fever_opens_a_visit_task(world, today, client):
    response = post(
        client, world.users["captain3"], "checkins",
        {"resident": world.huangbin.pk, "temperature": "38.1", "method": "armpit"},
    )  # fmt: skip
    assert response.status_code == 200
    assert CheckIn.objects.get().channel == "proxy"
    assert VisitTask.objects.open().count() == 1


def test_a_captain_cannot_submit_for_another_building(world, today, client):
    response = post(
        client,
        world.users["captain5"],
        "checkins",
        {"resident": world.huangbin.pk, "temperature": "36.5"},
    )
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_an_impossible_temperature_is_a_422_naming_the_field(world, today, client):
    response = post(
        client,
        world.users["staff"],
        "checkins",
        {"resident": world.huangbin.pk, "temperature": "53.0"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][-1] == "temperature"


def test_a_batch_with_one_resident_out_of_scope_writes_nothing_and_names_the_item(
    world, today, client
):
    items = [
        {"resident": world.huangbin.pk, "temperature": "36.5"},
        {"resident": world.resident5.pk},
    ]
    response = post(client, world.users["captain3"], "checkins/batch", {"items": items})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"] == ["body", "items", "1", "resident"]
    assert not CheckIn.objects.exists()
    ok = post(client, world.users["staff"], "checkins/batch", {"items": items})
    assert ok.status_code == 200 and ok.json() == {"count": 2, "abnormal": 0}


def test_a_batch_of_more_than_500_is_refused(world, today, client):
    items = [{"resident": world.huangbin.pk}] * 501
    assert post(client, world.users["staff"], "checkins/batch", {"items": items}).status_code == 422


def test_captains_read_back_who_checked_in_but_no_temperatures(world, fever, client):
    response = client.get("/api/checkins", headers=bearer(world.users["captain3"]))
    [item] = response.json()["items"]
    assert item["resident_id"] == world.huangbin.pk
    assert item["temperature"] is None and item["symptoms"] is None


@pytest.mark.parametrize("who", ["staff", "doctor", "resident"])
def test_staff_doctors_and_the_household_itself_read_the_temperature(world, fever, client, who):
    response = client.get("/api/checkins", headers=bearer(world.users[who]))
    [item] = response.json()["items"]
    assert item["temperature"] == "38.2" and item["symptoms"] == ["cough"]


@pytest.mark.parametrize("who", ["captain5", "resident5", "other_staff", "gatekeeper", "property"])
def test_others_do_not_see_the_check_in_at_all(world, fever, client, who):
    response = client.get("/api/checkins", headers=bearer(world.users[who]))
    assert response.json()["items"] == []
