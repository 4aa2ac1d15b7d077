from django.urls import reverse


def home(client, user):
    client.force_login(user)
    return client.get(reverse("front:home")).content.decode()


def test_a_captains_home_links_to_the_sheet_of_their_building_only(world, client):
    page = home(client, world.users["captain3"])
    assert reverse("health:sheet", args=[world.building3.pk]) in page
    assert reverse("health:sheet", args=[world.building5.pk]) not in page


def test_staff_and_doctors_get_the_health_dashboard_from_their_home(world, client):
    for who in ("staff", "doctor"):
        assert "健康监测" in home(client, world.users[who])


def test_a_resident_is_asked_for_todays_temperature(world, client):
    assert "填写今天体温" in home(client, world.users["resident"])


def test_the_property_office_has_no_health_link(world, client):
    assert reverse("health:dashboard") not in home(client, world.users["property"])
