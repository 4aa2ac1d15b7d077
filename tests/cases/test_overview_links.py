"""The staff overview links to needs, the dashboard and outbound notices; the
property office shares the overview but not that work."""

from django.urls import reverse


def test_community_staff_find_the_needs_and_dashboard_on_their_overview(client, world):
    client.force_login(world.users["staff"])
    body = client.get(reverse("front:home")).content.decode()
    for name in ("cases:needs", "cases:dashboard", "cases:board", "outbound:deliveries"):
        assert reverse(name) in body


def test_the_property_office_overview_has_no_links_to_needs_they_cannot_open(client, world):
    client.force_login(world.users["property"])
    body = client.get(reverse("front:home")).content.decode()
    for name in ("cases:needs", "cases:dashboard", "outbound:deliveries"):
        assert reverse(name) not in body
