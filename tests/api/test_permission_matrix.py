"""Every role of the test world over every API endpoint, by bearer token.

Read a row as "this user, calling that endpoint, gets this": a status code for
the single objects (404 when out of scope, as if it did not exist), and the
objects listed for the lists (b3/b5/bo the buildings 3, 5 and the other
community's; h3/h5/ho their households; r3 黄彬, r5 王秀英, ro 李强; - nothing).
The API must agree with the pages (tests/test_permission_matrix.py).
"""

import pytest

from tests.api.conftest import bearer

# fmt: off
MATRIX = """
role          buildings building3 building5 households household3 household5 other_hh residents find_hb
anonymous     401       401       401       401        401        401        401      401       401
superuser     b3,b5,bo  200       200       h3,h5,ho   200        200        200      r3,r5,ro  r3
staff         b3,b5     200       200       h3,h5      200        200        404      r3,r5     r3
other_staff   bo        404       404       ho         404        404        200      ro        -
property      b3,b5     200       200       h3,h5      200        200        404      r3,r5     r3
area_leader   b3        200       404       h3         200        404        404      r3        r3
captain3      b3        200       404       h3         200        404        404      r3        r3
captain5      b5        404       200       h5         404        200        404      r5        -
resident      -         404       404       h3         200        404        404      r3        r3
resident5     -         404       404       h5         404        200        404      r5        -
social_worker -         404       404       -          404        404        404      -         -
psychologist  -         404       404       -          404        404        404      -         -
doctor        -         404       404       -          404        404        404      -         -
volunteer     -         404       404       -          404        404        404      -         -
supplier      -         404       404       -          404        404        404      -         -
viewer        -         404       404       -          404        404        404      -         -
nobody        -         404       404       -          404        404        404      -         -
gatekeeper    -         404       404       -          404        404        404      -         -
"""  # noqa: E501
# fmt: on


def _table(text):
    header, *lines = [line.split() for line in text.strip().splitlines()]
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in lines}


TABLE = _table(MATRIX)


def _names(world):
    w = world
    return {
        "building": {w.building3.pk: "b3", w.building5.pk: "b5", w.other_building.pk: "bo"},
        "household": {w.household3.pk: "h3", w.household5.pk: "h5", w.other_household.pk: "ho"},
        "resident": {"黄彬": "r3", "王秀英": "r5", "李强": "ro"},
    }


def _listed(response, names, key):
    if response.status_code != 200:
        return str(response.status_code)
    seen = sorted(names[item[key]] for item in response.json()["items"])
    return ",".join(seen) or "-"


def _answers(client, world, role):
    names = _names(world)
    headers = bearer(world.users[role]) if role != "anonymous" else {}

    def call(path, **params):
        return client.get(f"/api/{path}", params, headers=headers)

    def status(path):
        return str(call(path).status_code)

    return {
        "buildings": _listed(call("buildings"), names["building"], "id"),
        "building3": status(f"buildings/{world.building3.pk}"),
        "building5": status(f"buildings/{world.building5.pk}"),
        "households": _listed(call("households"), names["household"], "id"),
        "household3": status(f"households/{world.household3.pk}"),
        "household5": status(f"households/{world.household5.pk}"),
        "other_hh": status(f"households/{world.other_household.pk}"),
        "residents": _listed(call("residents"), names["resident"], "name"),
        "find_hb": _listed(call("residents", q="hb"), names["resident"], "name"),
    }


@pytest.mark.parametrize("role", list(TABLE))
def test_api_permission_matrix(client, world, role):
    assert _answers(client, world, role) == TABLE[role]


def test_the_matrix_covers_every_user_of_the_world(world):
    assert set(TABLE) - {"anonymous"} == set(world.users)
