"""Every write to the API has its own, stricter per-user rate limit
(LINLI_API_WRITE_RATE, 120 a minute by default); reads keep the wider one."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache

from linli.api.api import WriteRateThrottle, api
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def three_writes_a_minute(monkeypatch):
    """The live API's write throttle, turned down so a test reaches it quickly."""
    (write,) = [t for t in api.throttle if isinstance(t, WriteRateThrottle)]
    monkeypatch.setattr(write, "num_requests", 3)
    return write


def post_checkin(client, headers):
    return client.post("/api/checkins", "{}", content_type="application/json", headers=headers)


def test_the_default_write_rate_is_120_a_minute_and_stricter_than_reads():
    (write,) = [t for t in api.throttle if isinstance(t, WriteRateThrottle)]
    assert settings.LINLI_API_WRITE_RATE == "120/m"
    assert (write.num_requests, write.duration) == (120, 60)
    reads = [t for t in api.throttle if not isinstance(t, WriteRateThrottle)]
    assert all(t.num_requests > write.num_requests for t in reads)


def test_a_fourth_write_in_a_minute_is_refused_in_the_apis_error_format(
    client, world, three_writes_a_minute
):
    headers = bearer(world.users["staff"])
    statuses = [post_checkin(client, headers).status_code for _ in range(3)]
    assert statuses == [422, 422, 422]  # counted even when the body is wrong
    refused = post_checkin(client, headers)
    assert refused.status_code == 429
    body = json.loads(refused.content)
    assert body["error"]["code"] == "throttled"
    assert body["error"]["message"]
    assert int(refused.headers["Retry-After"]) > 0


def test_reads_still_work_when_writes_are_throttled(client, world, three_writes_a_minute):
    headers = bearer(world.users["staff"])
    for _ in range(4):
        post_checkin(client, headers)
    for _ in range(5):
        assert client.get("/api/buildings", headers=headers).status_code == 200


def test_each_user_has_their_own_write_count(client, world, three_writes_a_minute):
    for _ in range(4):
        post_checkin(client, bearer(world.users["staff"]))
    assert post_checkin(client, bearer(world.users["staff"])).status_code == 429
    assert post_checkin(client, bearer(world.users["captain3"])).status_code == 422


def test_every_write_method_is_counted_and_no_read_is():
    throttle = WriteRateThrottle("1/m")

    class Request:
        user = None
        META = {"REMOTE_ADDR": "10.0.0.9"}

    for method in ("GET", "HEAD", "OPTIONS"):
        request = Request()
        request.method = method
        assert all(throttle.allow_request(request) for _ in range(5))
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        cache.clear()
        request = Request()
        request.method = method
        assert throttle.allow_request(request) is True
        assert throttle.allow_request(request) is False, method
