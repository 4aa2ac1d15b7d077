"""Each privacy line of health, from both sides: staff and doctors of the
community see temperatures, symptoms and categories; captains and area leaders
see coverage and "needs a visit"; a resident sees their own household;
gatekeepers, the property office and everyone else see no health at all."""

import pytest
from django.urls import reverse

from linli.audit.models import Action, AuditEntry
from linli.health.choices import Category, QuarantineKind
from linli.health.models import CategoryEntry, Quarantine, Transfer, VisitTask

DETAIL = ["staff", "doctor", "superuser"]
NO_DETAIL = ["captain3", "area_leader", "resident", "resident5", "captain5", "other_staff",
             "property", "social_worker", "volunteer", "supplier", "viewer", "nobody"]  # fmt: skip


@pytest.fixture
def gatekeeper(world):
    return world.users["gatekeeper"]


@pytest.mark.parametrize("who", DETAIL)
def test_staff_and_doctors_of_the_community_see_the_temperature_on_the_dashboard(
    world, fever, client, who
):
    client.force_login(world.users[who])
    page = client.get(reverse("health:dashboard")).content.decode()
    assert "38.2" in page and "咳嗽" in page


@pytest.mark.parametrize("who", ["captain3", "area_leader"])
def test_captains_and_area_leaders_see_coverage_and_needs_a_visit_but_no_temperature(
    world, fever, client, who
):
    client.force_login(world.users[who])
    for url in (reverse("health:dashboard"), reverse("health:sheet", args=[world.building3.pk])):
        page = client.get(url).content.decode()
        assert "需上门" in page
        assert "38.2" not in page and "咳嗽" not in page


def test_staff_see_the_reading_on_the_building_sheet(world, fever, client):
    client.force_login(world.users["staff"])
    page = client.get(reverse("health:sheet", args=[world.building3.pk])).content.decode()
    assert "38.2" in page


def test_a_captain_cannot_open_the_sheet_of_another_building(world, client):
    client.force_login(world.users["captain5"])
    assert client.get(reverse("health:sheet", args=[world.building3.pk])).status_code == 404
    assert client.get(reverse("health:sheet", args=[world.building5.pk])).status_code == 200


def test_a_captain_cannot_enter_check_ins_in_another_building(world, client):
    client.force_login(world.users["captain5"])
    url = reverse("health:household_normal", args=[world.household3.pk])
    assert client.post(url).status_code == 404
    assert world.huangbin.checkins.count() == 0


@pytest.mark.parametrize("who", NO_DETAIL)
def test_only_staff_and_doctors_open_a_persons_health_page(world, fever, client, who):
    client.force_login(world.users[who])
    assert client.get(reverse("health:person", args=[world.huangbin.pk])).status_code == 404


@pytest.mark.parametrize("who", DETAIL)
def test_staff_and_doctors_open_the_health_page_with_the_category(world, fever, client, who):
    CategoryEntry.objects.create(
        resident=world.huangbin, household=world.household3, category=Category.FEVER
    )
    client.force_login(world.users[who])
    page = client.get(reverse("health:person", args=[world.huangbin.pk])).content.decode()
    assert "不能排除的发热患者" in page


def test_staff_of_another_community_see_none_of_it(world, fever, client):
    client.force_login(world.users["other_staff"])
    page = client.get(reverse("health:dashboard")).content.decode()
    assert "黄彬" not in page and "38.2" not in page
    task = VisitTask.objects.get()
    assert client.get(reverse("health:visit", args=[task.pk])).status_code == 404


@pytest.mark.parametrize("who", ["captain3", "resident", "gatekeeper"])
def test_only_staff_and_doctors_record_a_visit(world, fever, client, gatekeeper, who):
    client.force_login(gatekeeper if who == "gatekeeper" else world.users[who])
    task = VisitTask.objects.get()
    response = client.post(reverse("health:visit", args=[task.pk]), {"outcome": "normal"})
    assert response.status_code == 404
    assert VisitTask.objects.open().count() == 1


@pytest.mark.parametrize("who", ["captain3", "area_leader", "resident", "other_staff", "property"])
def test_only_staff_and_doctors_record_a_category_transfer_or_quarantine(world, today, client, who):
    client.force_login(world.users[who])
    pk = world.huangbin.pk
    posts = {
        "health:category_add": {"category": Category.FEVER, "reason": "发热"},
        "health:transfer_request": {},
        "health:quarantine_start": {"kind": QuarantineKind.HOME, "last_contact": today},
    }
    for name, data in posts.items():
        assert client.post(reverse(name, args=[pk]), data).status_code == 404, name
    assert not CategoryEntry.objects.exists()
    assert not Transfer.objects.exists() and not Quarantine.objects.exists()


@pytest.mark.parametrize("who", ["staff", "doctor"])
def test_staff_and_doctors_record_a_category_transfer_and_quarantine(world, today, client, who):
    client.force_login(world.users[who])
    pk = world.huangbin.pk
    client.post(
        reverse("health:category_add", args=[pk]), {"category": Category.FEVER, "reason": "发热"}
    )
    client.post(reverse("health:transfer_request", args=[pk]))
    client.post(
        reverse("health:quarantine_start", args=[pk]),
        {"kind": QuarantineKind.HOME, "last_contact": today},
    )
    assert CategoryEntry.objects.filter(resident_id=pk).exists()
    assert Transfer.objects.filter(resident_id=pk).exists()
    assert Quarantine.objects.filter(resident_id=pk).exists()


def test_a_resident_sees_their_own_households_readings_and_not_the_neighbours(world, fever, client):
    client.force_login(world.users["resident"])
    assert "38.2" in client.get(reverse("health:dashboard")).content.decode()
    client.force_login(world.users["resident5"])
    page = client.get(reverse("health:dashboard")).content.decode()
    assert "38.2" not in page and "黄彬" not in page
    assert client.get(reverse("health:checkin", args=[world.huangbin.pk])).status_code == 404


@pytest.mark.parametrize(
    "who", ["gatekeeper", "property", "supplier", "volunteer", "viewer", "nobody"]
)
def test_gatekeepers_and_others_without_a_health_role_get_404_everywhere(
    world, fever, client, gatekeeper, who
):
    client.force_login(gatekeeper if who == "gatekeeper" else world.users[who])
    for url in (
        reverse("health:dashboard"),
        reverse("health:sheet", args=[world.building3.pk]),
        reverse("health:missing", args=[world.building3.pk]),
        reverse("health:checkin", args=[world.huangbin.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_missing_list_offers_a_captain_a_logged_tap_to_call(world, today, client):
    client.force_login(world.users["captain5"])
    page = client.get(reverse("health:missing", args=[world.building5.pk])).content.decode()
    assert "王秀英" in page and "139****0005" in page and "13900000005" not in page
    reveal = reverse("community:reveal", args=[world.resident5.pk, "phone"])
    assert reveal in page
    assert 'href="tel:13900000005"' in client.post(reveal).content.decode()
    assert AuditEntry.objects.filter(
        action=Action.VIEW_PHONE, resident_id=world.resident5.pk
    ).exists()


def test_a_resident_on_the_missing_list_of_their_building_is_not_shown_to_other_residents(
    world, today, client
):
    client.force_login(world.users["resident"])
    assert client.get(reverse("health:missing", args=[world.building3.pk])).status_code == 404


def test_the_apis_entry_rights_agree_with_the_pages_for_every_user_and_resident(world):
    from linli.accounts.scope import Scope
    from linli.community.models import Resident
    from linli.health import access

    residents = list(access.entry_residents(Resident.objects.values("pk")))
    assert len(residents) == 3
    answers = set()
    for name, user in world.users.items():
        rights = access.EntryRights.of(user)
        for resident in residents:
            household = Resident.objects.get(pk=resident.pk).household
            expected = access.can_enter_checkin(Scope(user), household)
            assert rights.allows(resident) == expected, (name, resident.name)
            answers.add(expected)
    assert answers == {True, False}  # both sides of the line were checked


def test_each_look_at_a_persons_health_page_is_on_their_audit_log(world, fever, client):
    client.force_login(world.users["doctor"])
    client.get(reverse("health:person", args=[world.huangbin.pk]))
    entry = AuditEntry.objects.get(action=Action.VIEW_HEALTH)
    assert (entry.user, entry.resident_id) == (world.users["doctor"], world.huangbin.pk)
    client.force_login(world.users["captain3"])
    client.get(reverse("health:person", args=[world.huangbin.pk]))  # a 404 is no look
    assert AuditEntry.objects.filter(action=Action.VIEW_HEALTH).count() == 1
