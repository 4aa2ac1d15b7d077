"""Every role of the test world over every page and object kind.

Read a row as "this user, opening that page, gets this answer":
200 shown · 404 not found (the object's existence does not leak) · 403 seen
but not allowed (e.g. a captain asking for an ID number) · login: sent to a
sign-in page. Columns ending in 3 are about 黄彬 of 3栋1单元201 (building 3,
area 一片区); 5 is 王秀英 of 5栋1单元101; "other" is a household of 宝通寺社区.
"""

import pytest
from django.urls import NoReverseMatch, reverse

# fmt: off
PAGES = {
    # column:       (method, url name, args from the world)
    "home":         ("get",  "front:home", lambda w: []),
    "overview":     ("get",  "community:overview", lambda w: []),
    "building3":    ("get",  "community:building", lambda w: [w.building3.pk]),
    "building5":    ("get",  "community:building", lambda w: [w.building5.pk]),
    "household3":   ("get",  "community:household", lambda w: [w.household3.pk]),
    "household5":   ("get",  "community:household", lambda w: [w.household5.pk]),
    "other_hh":     ("get",  "community:household", lambda w: [w.other_household.pk]),
    "resident3":    ("get",  "community:resident", lambda w: [w.huangbin.pk]),
    "phone3":       ("post", "community:reveal", lambda w: [w.huangbin.pk, "phone"]),
    "id3":          ("post", "community:reveal", lambda w: [w.huangbin.pk, "id_number"]),
    "edit3":        ("get",  "community:resident_edit", lambda w: [w.huangbin.pk]),
    "add_hh3":      ("get",  "community:household_add", lambda w: [w.building3.pk]),
    "log3":         ("get",  "audit:resident_log", lambda w: [w.huangbin.pk]),
    "search":       ("get",  "community:search", lambda w: []),
    "roster":       ("get",  "community:roster_import", lambda w: []),
    "admin":        ("get",  "admin:index", lambda w: []),
}

MATRIX = """
role          home  overview building3 building5 household3 household5 other_hh resident3 phone3 id3   edit3 add_hh3 log3  search roster admin
anonymous     login login    login     login     login      login      login    login     login  login login login   login login  login  login
superuser     200   200      200       200       200        200        200      200       200    200   200   200     200   200    200    200
staff         200   200      200       200       200        200        404      200       200    200   200   200     200   200    200    login
other_staff   200   200      404       404       404        404        200      404       404    404   404   404     404   200    200    login
property      200   200      200       200       200        200        404      200       403    403   403   403     404   200    404    login
area_leader   200   404      200       404       200        404        404      200       200    403   403   403     404   200    404    login
captain3      200   404      200       404       200        404        404      200       200    403   403   403     404   200    404    login
captain5      200   404      404       200       404        200        404      404       404    404   404   404     404   200    404    login
resident      200   404      404       404       200        404        404      200       200    200   403   404     404   200    404    login
resident5     200   404      404       404       404        200        404      404       404    404   404   404     404   200    404    login
social_worker 200   404      404       404       404        404        404      404       404    404   404   404     404   200    404    login
psychologist  200   404      404       404       404        404        404      404       404    404   404   404     404   200    404    login
doctor        200   404      404       404       404        404        404      404       404    404   404   404     404   200    404    login
volunteer     200   404      404       404       404        404        404      404       404    404   404   404     404   200    404    login
supplier      200   404      404       404       404        404        404      404       404    404   404   404     404   200    404    login
viewer        200   404      404       404       404        404        404      404       404    404   404   404     404   200    404    login
nobody        200   404      404       404       404        404        404      404       404    404   404   404     404   200    404    login
gatekeeper    200   404      404       404       404        404        404      404       404    404   404   404     404   200    404    login
"""  # noqa: E501  (a table reads better unwrapped)

# Who finds whom by name: 黄彬 (building 3), 王秀英 (building 5), 李强 (the other community).
SEARCH = """
role          黄彬 王秀英 李强
superuser     yes  yes    yes
staff         yes  yes    -
other_staff   -    -      yes
property      yes  yes    -
area_leader   yes  -      -
captain3      yes  -      -
captain5      -    yes    -
resident      yes  -      -
resident5     -    yes    -
social_worker -    -      -
psychologist  -    -      -
doctor        -    -      -
volunteer     -    -      -
supplier      -    -      -
viewer        -    -      -
nobody        -    -      -
gatekeeper    -    -      -
"""
# fmt: on


def _table(text):
    header, *lines = [line.split() for line in text.strip().splitlines()]
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in lines}


EXPECTED = _table(MATRIX)
FINDS = _table(SEARCH)


def test_the_matrix_covers_every_page_and_every_user_of_the_world(world):
    assert set(EXPECTED) == set(world.users) | {"anonymous"}
    assert all(set(row) == set(PAGES) for row in EXPECTED.values())
    assert set(FINDS) == set(world.users)


def _answer(response):
    if response.status_code == 302 and "login" in response["Location"]:
        return "login"
    return str(response.status_code)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_gets_the_expected_answer_on_each_page(client, world, role, page):
    method, name, args = PAGES[page]
    try:
        url = reverse(name, args=args(world))
    except NoReverseMatch:
        pytest.skip(f"{name} is not built yet")
    if role != "anonymous":
        client.force_login(world.users[role])
    response = getattr(client, method)(url)
    assert _answer(response) == EXPECTED[role][page]


@pytest.mark.parametrize("role", FINDS)
def test_search_finds_exactly_the_residents_in_the_users_scope(client, world, role):
    client.force_login(world.users[role])
    for name, expected in FINDS[role].items():
        response = client.get(reverse("community:search"), {"q": name})
        found = [r.name for r in response.context["results"]]
        assert found == ([name] if expected == "yes" else []), (role, name)


def test_search_by_a_shared_room_number_still_stays_in_scope(client, world):
    # 101 is a room in building 5 and in the other community.
    client.force_login(world.users["captain5"])
    found = {
        r.name for r in client.get(reverse("community:search"), {"q": "101"}).context["results"]
    }
    assert found == {"王秀英"}


def test_captain_of_building_3_gets_404_on_a_household_of_building_5(client, world):
    client.force_login(world.users["captain3"])
    url = reverse("community:household", args=[world.household5.pk])
    assert client.get(url).status_code == 404


def test_a_resident_sees_only_their_own_household(client, world):
    client.force_login(world.users["resident"])
    own = client.get(reverse("community:household", args=[world.household3.pk]))
    neighbour = client.get(reverse("community:household", args=[world.household5.pk]))
    assert own.status_code == 200 and "黄彬" in own.text
    assert neighbour.status_code == 404 and "王秀英" not in neighbour.text
