"""Exports and personal data: full phone and ID numbers leave Linli only in the
roster export, only to staff, and each export is on the audit trail. Every other
export (the API's resident lists, purchase orders, daily reports and roll-ups)
carries them masked or not at all, whoever asks.

Run against the demo community, whose residents all have phones and most an ID
number, so a number that leaks has something to leak.
"""

import io
import json

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from linli.accounts.models import User
from linli.audit.models import Action, AuditEntry
from linli.community.models import Community, Resident
from linli.groupbuy.models import Round
from tests.api.conftest import bearer
from tests.conftest import demo_once

pytestmark = pytest.mark.django_db

# Demo logins (docs/demo.md).
STAFF = "futingting"
NO_PERSONAL_DATA = ["pianzhang1", "captain1", "huangbin", "xinli1", "zhiyuan1", "wuye", "menwei",
                    "chaoshi", "jiedao"]  # fmt: skip


demo_120 = demo_once("--residents", "120")


@pytest.fixture
def demo(demo_120, db):
    residents = Resident.objects.all()
    phones = {r.phone for r in residents if r.phone}
    ids = {r.id_number for r in residents if r.id_number}
    assert len(phones) > 50 and len(ids) > 50
    return Community.objects.get(), phones, ids


def signed_in(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def cells(content: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    return {str(c) for s in book.worksheets for row in s.iter_rows(values_only=True) for c in row}


def full_numbers_in(text: str, phones, ids) -> set[str]:
    return {n for n in phones | ids if n in text}


def test_staff_export_the_roster_with_full_numbers_and_the_export_is_audited(demo):
    community, phones, ids = demo
    url = reverse("community:roster_export") + f"?community={community.pk}"
    response = signed_in(STAFF).get(url)
    assert response.status_code == 200
    values = cells(response.content)
    assert phones <= values and ids <= values
    entry = AuditEntry.objects.filter(action=Action.EXPORT).get()
    assert entry.user.username == STAFF
    assert entry.changes["residents"] == Resident.objects.count()


@pytest.mark.parametrize("username", NO_PERSONAL_DATA)
def test_roles_without_personal_data_rights_get_no_roster_export(demo, username):
    community, _phones, _ids = demo
    url = reverse("community:roster_export") + f"?community={community.pk}"
    assert signed_in(username).get(url).status_code == 404
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.parametrize("username", [STAFF, "pianzhang1", "captain1", "huangbin"])
def test_the_apis_resident_list_masks_phones_and_id_numbers_for_everyone(demo, username):
    _community, phones, ids = demo
    client = Client()
    headers = bearer(User.objects.get(username=username))
    body, path = "", "/api/residents?limit=100"
    while path:
        page = client.get(path, headers=headers).json()
        body += json.dumps(page, ensure_ascii=False)
        path = page.get("next")
    assert body.count("****") > 0
    assert full_numbers_in(body, phones, ids) == set()


def test_only_roles_with_id_rights_get_even_a_masked_id_number(demo):
    client = Client()
    staff = client.get("/api/residents?limit=100", headers=bearer(User.objects.get(username=STAFF)))
    captain = client.get(
        "/api/residents?limit=100", headers=bearer(User.objects.get(username="captain1"))
    )
    assert any(r["masked_id_number"] for r in staff.json()["items"])
    captain1 = User.objects.get(username="captain1")
    # A captain sees ID numbers only of a household they live in themselves.
    own = set(
        Resident.objects.filter(
            household__in=captain1.memberships.exclude(household=None).values("household")
        ).values_list("pk", flat=True)
    )
    neighbours = [r for r in captain.json()["items"] if r["id"] not in own]
    assert neighbours
    assert [r for r in neighbours if r["masked_id_number"]] == []


def test_purchase_orders_carry_no_personal_numbers(demo):
    _community, phones, ids = demo
    round_ = Round.objects.get()
    for supplier in round_.suppliers.all():
        url = reverse("groupbuy:po_xlsx", args=[round_.pk, supplier.pk])
        for username in (STAFF, "chaoshi"):
            response = signed_in(username).get(url)
            if response.status_code == 404:
                continue  # a supplier sees its own purchase order only
            assert response.status_code == 200
            assert full_numbers_in(" ".join(cells(response.content)), phones, ids) == set()


@pytest.mark.parametrize("username", [STAFF, "jiedao"])
def test_daily_reports_and_roll_ups_carry_no_personal_numbers(demo, username):
    community, phones, ids = demo
    client = signed_in(username)
    for url in (reverse("reports:community_xlsx", args=[community.pk]),
                reverse("reports:rollup_xlsx")):  # fmt: skip
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200
        assert full_numbers_in(" ".join(cells(response.content)), phones, ids) == set()


def test_the_pick_list_and_hand_out_pages_show_no_full_id_numbers(demo):
    _community, _phones, ids = demo
    round_ = Round.objects.get()
    page = signed_in(STAFF).get(reverse("groupbuy:picklist", args=[round_.pk]))
    assert page.status_code == 200
    assert {n for n in ids if n in page.content.decode()} == set()


def test_audit_entries_of_a_change_keep_only_the_last_digits(demo):
    resident = Resident.objects.exclude(phone="").first()
    old = resident.phone
    resident.phone = "13912345678"
    resident.save()
    entry = AuditEntry.objects.filter(action=Action.UPDATE, resident_id=resident.pk).latest("id")
    text = json.dumps(entry.changes, ensure_ascii=False)
    assert old not in text and "13912345678" not in text and "5678" in text
