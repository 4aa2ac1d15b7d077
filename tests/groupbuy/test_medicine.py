"""Medicine rounds: details for staff, doctors and the pharmacy; a captain sees only that
a household has a medicine order; prescriptions only through a checked page."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

import linli.urls
from linli.accounts.choices import Role
from linli.audit.models import Action, AuditEntry
from linli.groupbuy.choices import Channel, RoundKind, SupplierKind
from linli.groupbuy.models import MedicineLine, Order, Round, Supplier
from tests.conftest import make_user
from tests.groupbuy.fixtures_rounds import CLOSES, OPENS

PHOTO = b"\x89PNG\r\n\x1a\n" + b"prescription" * 10


@pytest.fixture
def pharmacy(world):
    return Supplier.objects.create(community=world.community, name="同济大药房",
                                   kind=SupplierKind.PHARMACY)  # fmt: skip


@pytest.fixture
def pharmacist(world, pharmacy):
    return make_user("yaodian", Role.SUPPLIER, community=world.community, supplier=pharmacy)


@pytest.fixture
def medicine_round(world, pharmacy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    round_ = Round.objects.create(
        community=world.community, title="2月慢病药品", kind=RoundKind.MEDICINE,
        opens_at=OPENS, closes_at=CLOSES,
    )  # fmt: skip
    round_.suppliers.add(pharmacy)
    order = Order.objects.create(round=round_, household=world.household5, channel=Channel.PROXY)
    line = MedicineLine.objects.create(
        order=order, resident=world.resident5, name="硝苯地平缓释片", strength="20mg",
        quantity=2, prescription=SimpleUploadedFile("rx.png", PHOTO, content_type="image/png"),
    )  # fmt: skip
    return round_, line


def get(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(f"groupbuy:{name}", args=[pk]))


@pytest.mark.parametrize("who", ["staff", "doctor"])
def test_staff_and_doctors_see_the_medicine_and_its_prescription(
    client, world, medicine_round, who
):
    round_, line = medicine_round
    assert "硝苯地平缓释片" in get(client, world.users[who], "medicine", round_.pk).content.decode()
    response = get(client, world.users[who], "prescription", line.pk)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PHOTO
    assert response["Cache-Control"] == "private, no-store"


def test_the_rounds_pharmacy_sees_the_medicine_and_its_prescription(
    client, medicine_round, pharmacist
):
    round_, line = medicine_round
    assert "硝苯地平缓释片" in get(client, pharmacist, "medicine", round_.pk).content.decode()
    assert get(client, pharmacist, "prescription", line.pk).status_code == 200


def test_the_captain_sees_only_that_the_household_has_a_medicine_order(
    client, world, medicine_round
):
    round_, line = medicine_round
    body = get(client, world.users["captain5"], "medicine", round_.pk).content.decode()
    assert "5栋1单元101" in body and "有药品订单" in body
    assert "硝苯地平" not in body and "20mg" not in body and "王秀英" not in body
    assert get(client, world.users["captain5"], "prescription", line.pk).status_code == 404


def test_the_captain_of_another_building_does_not_see_the_household_at_all(
    client, world, medicine_round
):
    round_, _line = medicine_round
    body = get(client, world.users["captain3"], "medicine", round_.pk).content.decode()
    assert "5栋1单元101" not in body


@pytest.mark.parametrize("who", ["resident5", "volunteer", "property", "supplier", "other_staff"])
def test_everyone_else_gets_404_on_medicine_details_and_prescriptions(
    client, world, medicine_round, who
):
    # resident5 is the patient's own household: they know their medicines, but this
    # page is the workers' list; "supplier" sells groceries, not medicine.
    round_, line = medicine_round
    assert get(client, world.users[who], "medicine", round_.pk).status_code == 404
    assert get(client, world.users[who], "prescription", line.pk).status_code == 404


def test_the_prescription_is_stored_under_a_random_name_outside_public_media(
    medicine_round, settings
):
    _round, line = medicine_round
    assert line.prescription.name.startswith("prescriptions/")
    assert "rx" not in line.prescription.name
    assert line.prescription.path.startswith(str(settings.MEDIA_ROOT / "private" / "prescriptions"))


def test_a_doctor_adds_a_medicine_with_a_photo_before_the_cut_off(
    client, world, medicine_round, during_round
):
    round_, _line = medicine_round
    client.force_login(world.users["doctor"])
    photo = SimpleUploadedFile("药方.jpg", PHOTO, content_type="image/jpeg")
    response = client.post(reverse("groupbuy:medicine", args=[round_.pk]), {
        "household": world.household3.pk, "name": "二甲双胍", "strength": "0.5g",
        "quantity": "3", "unit": "盒", "prescription": photo,
    })  # fmt: skip
    assert response.status_code == 302
    line = MedicineLine.objects.get(name="二甲双胍")
    assert line.order.household == world.household3 and line.order.entered_by is not None


def test_a_missing_name_and_a_wrong_file_get_chinese_messages_and_keep_what_was_typed(
    client, world, medicine_round, during_round
):
    round_, _line = medicine_round
    client.force_login(world.users["staff"])
    response = client.post(reverse("groupbuy:medicine", args=[round_.pk]), {
        "household": world.household3.pk, "name": "", "strength": "0.5g", "quantity": "3",
        "unit": "盒", "prescription": SimpleUploadedFile("a.exe", b"MZ"),
    })  # fmt: skip
    body = response.content.decode()
    assert "请填写药品名称" in body and "处方请上传照片" in body and 'value="0.5g"' in body


def test_after_the_cut_off_a_medicine_is_refused_with_the_time(client, world, medicine_round):
    round_, _line = medicine_round
    client.force_login(world.users["staff"])
    response = client.post(reverse("groupbuy:medicine", args=[round_.pk]), {
        "household": world.household3.pk, "name": "阿司匹林", "quantity": "1", "unit": "盒",
    })  # fmt: skip
    assert "已截单" in response.content.decode()
    assert not MedicineLine.objects.filter(name="阿司匹林").exists()


def test_a_captain_cannot_add_medicine(client, world, medicine_round, during_round):
    round_, _line = medicine_round
    client.force_login(world.users["captain3"])
    response = client.post(reverse("groupbuy:medicine", args=[round_.pk]), {
        "household": world.household3.pk, "name": "阿司匹林", "quantity": "1", "unit": "盒",
    })  # fmt: skip
    assert response.status_code == 404
    assert not MedicineLine.objects.filter(name="阿司匹林").exists()


def health_views(user):
    return AuditEntry.objects.filter(action=Action.VIEW_HEALTH, user=user)


@pytest.mark.parametrize("who", ["staff", "doctor"])
def test_opening_a_prescription_photo_leaves_an_entry_on_the_patients_audit_log(
    client, world, medicine_round, who
):
    _round, line = medicine_round
    user = world.users[who]
    assert get(client, user, "prescription", line.pk).status_code == 200
    entry = health_views(user).get(model="groupbuy.medicineline")
    assert entry.object_id == str(line.pk) and entry.resident_id == world.resident5.pk
    assert "处方" in entry.object_repr


def test_reading_the_medicine_list_leaves_one_entry_per_line_shown(
    client, world, medicine_round, pharmacist
):
    round_, line = medicine_round
    assert get(client, pharmacist, "medicine", round_.pk).status_code == 200
    assert list(health_views(pharmacist).values_list("object_id", "resident_id")) == [
        (str(line.pk), world.resident5.pk)
    ]


@pytest.mark.parametrize("who", ["captain5", "resident5", "volunteer"])
def test_those_refused_the_details_leave_no_health_entry(client, world, medicine_round, who):
    # The captain's list says only that the household has an order: no health data shown.
    round_, line = medicine_round
    get(client, world.users[who], "medicine", round_.pk)
    assert get(client, world.users[who], "prescription", line.pk).status_code == 404
    assert not AuditEntry.objects.filter(action=Action.VIEW_HEALTH).exists()


@pytest.fixture
def debug_urls(settings):
    """The URLs as `linli serve` builds them with LINLI_DEBUG=true (the default)."""
    settings.DEBUG = True
    importlib.reload(linli.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(linli.urls)
    clear_url_caches()


def test_the_development_server_never_sends_a_prescription_file_by_its_path(
    client, world, medicine_round, settings, debug_urls
):
    _round, line = medicine_round
    (settings.MEDIA_ROOT / "notice.txt").write_text("public")
    client.force_login(world.users["staff"])
    assert client.get("/media/notice.txt").status_code == 200  # public uploads still work
    name = line.prescription.name
    for url in (f"/media/private/{name}", f"/private/{name}", f"/media/./private/{name}",
                f"/media//private/{name}", f"/media/x/../private/{name}"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert get(client, world.users["staff"], "prescription", line.pk).status_code == 200
