"""API test helpers: a bearer token for any user of the `world`, and the rate
limit counters emptied between tests (they live in the cache)."""

import pytest
from django.core.cache import cache

from linli.api.models import ApiToken


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def bearer(user, name="test"):
    """Request headers that authenticate as `user` with a new token."""
    _token, secret = ApiToken.issue(user, name)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def as_user(client):
    """GET an API path as a world user (by bearer token), or anonymously."""

    def get(user, path, **params):
        headers = bearer(user) if user is not None else {}
        return client.get(f"/api/{path}", params, headers=headers)

    return get
