"""Property-based tests of the whole API from its own OpenAPI schema (schemathesis).

Every operation of /api/openapi.json gets requests that fit the schema, requests
that do not, and requests that fit it with the ids of real objects in the path
(so that PUT /rounds/{id}/orders/{household} reaches the ordering code instead
of a 404), all as a staff member of the world's community with a real token.
No answer may be a server error. Hypothesis is derandomised: the same requests
every run, so a failure here is a bug to fix, not a flake.
"""

import re
from datetime import timedelta

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from linli.groupbuy.choices import RoundKind, RoundScope
from linli.groupbuy.models import Product, Round
from tests.api.conftest import bearer
from tests.cases.case_factory import make_need

pytestmark = pytest.mark.django_db

MIN_REQUESTS = 500
# Examples per operation and kind of request: about 20 operations, 9 with ids in
# their path, make some 900 requests (half a minute on SQLite).
EXAMPLES = {"positive": 24, "negative": 16, "real_ids": 12}
PATH_PARAM = re.compile(r"{(\w+)}")


@pytest.fixture
def real_ids(world):
    """A round open now with a product, an order and a need: ids worth sending."""
    now = timezone.now()
    rice = Product.objects.create(name="大米", unit="袋", category="粮油", aliases=["米"])
    round_ = Round.objects.create(
        community=world.community, title="蔬菜团购", kind=RoundKind.GROCERY,
        scope=RoundScope.COMMUNITY, opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1), created_by=world.users["staff"],
    )  # fmt: skip
    need = make_need(world)
    return {
        "building_id": world.building3.pk,
        "household_id": world.household3.pk,
        "round_id": round_.pk,
        "need_id": need.pk,
        "order_id": 1,
        "product_id": rice.pk,
    }


@pytest.fixture
def wsgi_app():
    """Django's WSGI app, called in the test's own transaction: like the test client,
    it must not close the database connection at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _run(operation, strategy, examples, call):
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        call(operation, case)

    run()


def test_no_generated_request_gets_a_server_error(world, real_ids, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    headers = bearer(world.users["staff"], "schemathesis")
    sent = {"count": 0}

    def call(operation, case):
        # The rate limits would answer 429 after a few hundred calls.
        cache.clear()
        response = case.call(headers=headers)
        sent["count"] += 1
        case.validate_response(response, checks=[not_a_server_error], headers=headers)

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        fixed = {name: real_ids[name] for name in PATH_PARAM.findall(operation.path)}
        kinds = [
            ("positive", operation.as_strategy(GenerationMode.POSITIVE)),
            ("negative", operation.as_strategy(GenerationMode.NEGATIVE)),
        ]
        if fixed:
            strategy = operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed)
            kinds.append(("real_ids", strategy))
        for kind, strategy in kinds:
            _run(operation, strategy, EXAMPLES[kind], call)
    assert sent["count"] >= MIN_REQUESTS


# Found by hand after the fuzzing above: PostgreSQL cannot store or compare text
# holding U+0000, and the crash it raised was a 500.
NUL = "买\x00药"


def test_text_with_a_nul_character_is_a_422_not_a_crash(client, world, real_ids):
    headers = bearer(world.users["staff"])
    order = f"/api/rounds/{real_ids['round_id']}/orders/{real_ids['household_id']}"
    calls = [
        client.get("/api/residents", {"q": NUL}, headers=headers),
        client.post(
            "/api/needs", {"household": real_ids["household_id"], "text": NUL},
            content_type="application/json", headers=headers,
        ),
        client.put(
            order, {"lines": [{"product": "大米", "quantity": 1}], "note": NUL},
            content_type="application/json", headers=headers,
        ),
        client.put(
            order, {"lines": [{"product": NUL, "quantity": 1}]},
            content_type="application/json", headers=headers,
        ),
    ]  # fmt: skip
    for response in calls:
        assert response.status_code == 422, response.content
        assert response.json()["error"]["details"][0]["type"] == "string_pattern_mismatch"
