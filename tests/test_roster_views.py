"""The roster pages: upload → preview → confirm, export, and who may use them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from linli.audit.models import Action, AuditEntry
from linli.community import importer
from linli.community.models import Resident, RosterImport
from tests.roster_factory import csv_bytes, plant_errors, roster_rows, xlsx_bytes

IMPORT = reverse("community:roster_import")
EXPORT = reverse("community:roster_export")


def residents_of(community):
    return Resident.objects.filter(household__building__compound__community=community)


def upload(client, community, data, name="花名册.xlsx", **extra):
    file = SimpleUploadedFile(name, data)
    return client.post(IMPORT, {"community": community.pk, "file": file}, **extra)


def as_user(client, world, name):
    client.force_login(world.users[name])
    return client


def test_staff_upload_preview_and_confirm_a_3000_row_roster_with_20_bad_rows(client, world):
    rows = roster_rows(3000)
    planted = plant_errors(rows)
    as_user(client, world, "staff")
    before = residents_of(world.community).count()

    response = upload(client, world.community, xlsx_bytes(rows))
    staged = RosterImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("community:roster_preview", args=[staged.pk])
    assert residents_of(world.community).count() == before  # nothing written yet

    page = client.get(response["Location"]).content.decode()
    assert "新增2980人" in page
    for line in planted:
        assert f"第{line}行" in page
    assert "身份证号校验位不对" in page and "手机号应为11位，这里是10位" in page
    assert len(staged.summary["errors"]) == 20

    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    assert residents_of(world.community).count() == before + 2980
    staged.refresh_from_db()
    assert staged.is_committed and staged.committed_at

    upload(client, world.community, xlsx_bytes(rows), "再来一次.xlsx")
    again = RosterImport.objects.get(file_name="再来一次.xlsx")
    assert again.summary["new_residents"] == 0
    assert again.summary["unchanged_residents"] == 2980


def test_a_double_tapped_confirm_applies_once(client, world):
    as_user(client, world, "staff")
    upload(client, world.community, xlsx_bytes(roster_rows(10)))
    url = reverse("community:roster_preview", args=[RosterImport.objects.get().pk])
    client.post(url)
    second = client.post(url, follow=True)
    assert "已经导入过" in second.content.decode()
    assert residents_of(world.community).count() == 2 + 10
    assert AuditEntry.objects.filter(action=Action.IMPORT).count() == 1


def test_an_htmx_upload_is_sent_to_the_preview_by_htmx_redirect(client, world):
    as_user(client, world, "staff")
    response = upload(client, world.community, xlsx_bytes(roster_rows(4)), HTTP_HX_REQUEST="true")
    staged = RosterImport.objects.get()
    assert response["HX-Redirect"] == reverse("community:roster_preview", args=[staged.pk])


def test_a_file_without_the_required_headers_gets_one_clear_message_and_no_record(client, world):
    as_user(client, world, "staff")
    data = csv_bytes([["9", "黄彬"]], ["楼号", "名字"])
    response = upload(client, world.community, data, "a.csv", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "找不到必填的列：房号" in page
    assert 'id="roster-upload"' in page and "<html" not in page  # just the form, swapped in
    assert RosterImport.objects.count() == 0


def test_the_import_page_offers_upload_with_a_progress_bar_and_export(client, world):
    page = as_user(client, world, "staff").get(IMPORT).content.decode()
    assert 'hx-encoding="multipart/form-data"' in page
    # The progress handler lives in linli.js (the CSP allows no inline script).
    assert "linli/linli.js" in page and "<progress" in page
    assert f"{EXPORT}?community={world.community.pk}" in page


@pytest.mark.parametrize("name", ["staff", "superuser"])
def test_staff_and_superusers_may_import(client, world, name):
    assert as_user(client, world, name).get(IMPORT).status_code == 200


@pytest.mark.parametrize(
    "name", ["captain3", "area_leader", "resident", "social_worker", "property", "viewer", "nobody"]
)
def test_everyone_else_gets_404_on_the_import_page(client, world, name):
    assert as_user(client, world, name).get(IMPORT).status_code == 404


def test_a_captain_gets_404_on_a_staged_import_and_cannot_confirm_it(client, world):
    staged = importer.stage(world.community, "a.xlsx", xlsx_bytes(roster_rows(4)))
    url = reverse("community:roster_preview", args=[staged.pk])
    as_user(client, world, "captain3")
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert residents_of(world.community).count() == 2


def test_another_communitys_staff_get_404_on_this_communitys_import_and_export(client, world):
    staged = importer.stage(world.community, "a.xlsx", xlsx_bytes(roster_rows(4)))
    as_user(client, world, "other_staff")
    assert client.get(reverse("community:roster_preview", args=[staged.pk])).status_code == 404
    assert client.post(reverse("community:roster_preview", args=[staged.pk])).status_code == 404
    assert client.get(EXPORT, {"community": world.community.pk}).status_code == 404
    # Nor can they upload into it: the community is not among their choices.
    response = upload(client, world.community, xlsx_bytes(roster_rows(4)))
    assert response.status_code == 200 and RosterImport.objects.count() == 1
    assert residents_of(world.community).count() == 2


def test_staff_export_the_roster_and_the_export_is_logged(client, world):
    response = as_user(client, world, "staff").get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.user == world.users["staff"] and entry.changes == {"residents": 2}


@pytest.mark.parametrize("name", ["captain3", "resident", "viewer", "property"])
def test_others_get_404_on_export_and_nothing_is_logged(client, world, name):
    response = as_user(client, world, name).get(EXPORT, {"community": world.community.pk})
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    assert client.get(IMPORT).status_code == 302
    assert client.get(EXPORT).status_code == 302
