"""Each role's start page links to the gate pages that role works with, and no others."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = {
    "desk": reverse("gate:desk"),
    "passes": reverse("gate:passes"),
    "returnees": reverse("gate:returnees"),
    "disinfection": reverse("gate:disinfection"),
}


@pytest.mark.parametrize(
    "who, expected",
    [
        ("gatekeeper", {"desk"}),
        ("staff", {"desk", "passes", "returnees", "disinfection"}),
        ("captain3", {"passes"}),
        ("area_leader", {"passes"}),
        ("resident", {"passes"}),
        ("doctor", {"returnees"}),
        ("volunteer", {"disinfection"}),
        ("supplier", set()),
        ("viewer", set()),
    ],
)
def test_the_home_page_links_each_role_to_its_gate_pages(client, world, who, expected):
    client.force_login(world.users[who])
    page = client.get(reverse("front:home")).content.decode()
    linked = {name for name, url in PAGES.items() if f'href="{url}"' in page}
    assert linked == expected


def test_a_resident_reads_my_pass_and_a_captain_reads_passes(client, world):
    client.force_login(world.users["resident"])
    assert "我的出门证" in client.get(reverse("front:home")).content.decode()
    client.force_login(world.users["captain3"])
    page = client.get(reverse("front:home")).content.decode()
    assert "出门证" in page and "我的出门证" not in page
