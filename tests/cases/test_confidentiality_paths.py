"""Side doors to what a need said: pages other than the need's own that could show
its contact, its triage reasons or the case to someone access.py keeps out."""

import pytest
from django.urls import reverse

from linli.accounts.choices import Role
from linli.accounts.models import Membership
from linli.cases.choices import Priority
from linli.cases.models import Professional
from tests.cases.case_factory import NEED_TEXT, make_need, open_case
from tests.cases.test_professional_pages import ADD, form_data
from tests.conftest import make_user

PHONE = "13900000003"  # the contact phone of case_factory's need
QUOTED = "提到“以前想过不想活了”"


@pytest.mark.parametrize("who", ["captain3", "area_leader"])
def test_a_captain_gets_no_contact_from_the_confirmation_page(client, world, who):
    need = make_need(world, contact_phone=PHONE)
    client.force_login(world.users[who])
    response = client.get(reverse("cases:need_done", args=[need.pk]), follow=True)
    assert response.status_code == 200
    assert PHONE not in response.text and NEED_TEXT not in response.text


def test_the_one_who_asked_still_gets_the_confirmation_with_their_phone(client, world):
    need = make_need(world, entered_by=world.users["resident"], contact_phone=PHONE)
    client.force_login(world.users["resident"])
    response = client.get(reverse("cases:need_done", args=[need.pk]))
    assert response.status_code == 200
    assert PHONE in response.text


def test_a_captain_living_in_the_household_reads_nothing_said_on_the_need_page(client, world):
    captain = world.users["captain3"]
    Membership.objects.create(
        user=captain, role=Role.RESIDENT, household=world.household3, community=world.community
    )
    need = make_need(world, contact_phone=PHONE)  # entered by staff
    client.force_login(captain)
    response = client.get(reverse("cases:need", args=[need.pk]))
    assert response.status_code == 200
    assert PHONE not in response.text and NEED_TEXT not in response.text


def test_the_lead_without_consent_does_not_read_the_triage_reasons_on_the_case_page(
    client, world, people
):
    reasons = [{"code": "past_ideation", "text": QUOTED}]
    case = open_case(world, people, consent=False, priority=Priority.P2, reasons=reasons)
    client.force_login(people.social_worker.user)
    response = client.get(reverse("cases:case", args=[case.pk]))
    assert response.status_code == 200
    assert QUOTED not in response.text and NEED_TEXT not in response.text
    # …and with the resident's consent they do.
    case.need.consent = True
    case.need.save()
    assert QUOTED in client.get(reverse("cases:case", args=[case.pk])).text


def test_a_staff_member_cannot_give_themselves_a_professional_profile(client, world, people):
    # With one, they could offer a case to themselves and read its notes.
    staff = world.users["staff"]
    client.force_login(staff)
    response = client.post(ADD, form_data(world, user=staff.pk, profession="psychologist"))
    assert response.status_code == 400
    assert not Professional.objects.filter(user=staff).exists()


def test_a_staff_member_registers_a_colleague_as_a_professional(client, world, people):
    colleague = make_user("xiaozhou", Role.STAFF, community=world.community)
    client.force_login(world.users["staff"])
    response = client.post(ADD, form_data(world, user=colleague.pk))
    assert response.status_code == 302
    assert Professional.objects.filter(user=colleague).exists()
