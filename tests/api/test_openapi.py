"""The OpenAPI schema and the docs page, which must work with no internet."""

import re

from django.contrib.staticfiles import finders

from linli.api.api import api

PATHS = {
    "/api/buildings",
    "/api/buildings/{building_id}",
    "/api/households",
    "/api/households/{household_id}",
    "/api/residents",
    "/api/rounds",
    "/api/rounds/{round_id}",
    "/api/catalog",
    "/api/rounds/{round_id}/orders",
    "/api/rounds/{round_id}/orders/{household_id}",
    "/api/orders/{order_id}",
    "/api/checkins",
    "/api/checkins/batch",
    "/api/passes",
    "/api/trips/out",
    "/api/needs",
    "/api/needs/{need_id}",
    "/api/chat/messages",
}
# Each router's one tag, Chinese/English.
TAGS = {"注册/registry", "团购/groupbuy", "健康/health", "门岗/gate", "求助/needs", "群聊/chat"}


def test_the_schema_is_json_with_every_path(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Linli API"
    assert set(schema["paths"]) == PATHS


def test_every_route_of_the_api_is_in_the_schema(client, db):
    # Routers added later must show up too, not only the paths this file knows.
    schema = client.get("/api/openapi.json").json()
    patterns, _app, _namespace = api.urls
    routes = {
        "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern))
        for p in patterns
        if p.name not in {"openapi-json", "openapi-view", "api-root"}
    }
    assert routes == set(schema["paths"])


def test_every_operation_says_how_to_authenticate_and_is_tagged(client, db):
    schema = client.get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert operation["security"], (method, path)
            assert len(operation["tags"]) == 1 and operation["tags"][0] in TAGS, (method, path)
            assert "200" in operation["responses"], (method, path)


def test_list_responses_are_documented_as_pages(client, db):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/buildings"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["page_size"]["schema"]["maximum"] == 200
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(page["properties"]) == {"items", "count", "page", "pages"}


def test_the_docs_page_answers_and_loads_nothing_from_outside(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "cdn" not in html.lower()


def test_an_unknown_address_under_api_answers_in_the_error_format(client, db):
    response = client.get("/api/no-such-thing", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.json()["error"]["message"].isascii()
