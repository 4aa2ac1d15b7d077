"""Uploads are judged by their bytes, not their names: a renamed .exe or web
page is refused as a roster or a prescription photo, with a Chinese message,
and files over the size limits are refused before they are read."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from linli.community.models import Household, RosterImport
from linli.front import uploads
from linli.groupbuy.forms_fulfil import MedicineForm
from tests.roster_factory import csv_bytes, roster_rows, xlsx_bytes

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 100
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100
PDF = b"%PDF-1.7\n" + b"\x00" * 100


def a_zip_that_is_not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


# The sniffing, file by file.


@pytest.mark.parametrize(
    "data, kind",
    [(JPEG, "jpeg"), (PNG, "png"), (WEBP, "webp"), (HEIC, "heic"), (PDF, "pdf"),
     (EXE, "exe"), (HTML, "html"), (b"\x7fELF\x02\x01", "exe"), (b"PK\x03\x04", "zip"),
     (b"  <html lang=zh>", "html"), ("楼栋,房号,姓名".encode(), None)],
)  # fmt: skip
def test_a_file_is_known_by_its_first_bytes(data, kind):
    assert uploads.sniff(data[:32]) == kind


@given(st.binary(max_size=64))
def test_sniffing_never_fails_on_any_bytes(data):
    assert uploads.sniff(data) in {None, "jpeg", "png", "webp", "heic", "pdf", "zip", "ole",
                                   "exe", "html"}  # fmt: skip


def test_a_real_xlsx_is_a_workbook_and_a_plain_zip_is_not():
    assert uploads.is_xlsx(xlsx_bytes(roster_rows(3)))
    assert not uploads.is_xlsx(a_zip_that_is_not_a_workbook())
    assert not uploads.is_xlsx(b"PK\x03\x04 broken")


# Spreadsheets.


def test_a_real_xlsx_and_csv_pass_the_spreadsheet_check():
    data = xlsx_bytes(roster_rows(3))
    assert uploads.check_spreadsheet(upload("花名册.xlsx", data)) == data
    text = csv_bytes(roster_rows(3))
    assert uploads.check_spreadsheet(upload("花名册.csv", text)) == text


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("花名册.xlsx", EXE, "不是花名册表格"),
        ("花名册.xlsx", HTML, "不是花名册表格"),
        ("花名册.csv", HTML, "不是花名册表格"),
        ("花名册.xlsx", JPEG, "不是花名册表格"),
        ("花名册.xlsx", a_zip_that_is_not_a_workbook(), "不是有效的Excel"),
        ("花名册.csv", b"\x01\x02\x00\x00binary" * 10, "不是文本格式的CSV"),
    ],
)
def test_a_renamed_file_is_refused_as_a_roster(name, data, message):
    with pytest.raises(ValidationError) as refused:
        uploads.check_spreadsheet(upload(name, data))
    assert message in refused.value.messages[0]


def test_a_spreadsheet_over_the_limit_is_refused_with_the_limit(settings):
    settings.LINLI_UPLOAD_SPREADSHEET_MB = 1
    big = upload("花名册.csv", b"a" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as refused:
        uploads.check_spreadsheet(big)
    assert "最多 1 MB" in refused.value.messages[0]
    assert uploads.check_spreadsheet(upload("花名册.csv", b"a" * 1024 * 1024))


@pytest.mark.django_db
@pytest.mark.parametrize("name, data", [("花名册.xlsx", EXE), ("花名册.xlsx", HTML)])
def test_the_roster_page_refuses_a_renamed_file_and_stages_nothing(client, world, name, data):
    client.force_login(world.users["staff"])
    response = client.post(
        reverse("community:roster_import"),
        {"community": world.community.pk, "file": upload(name, data)},
    )
    assert response.status_code == 200
    assert "不是花名册表格" in response.content.decode()
    assert not RosterImport.objects.exists()


@pytest.mark.django_db
def test_the_roster_page_still_takes_a_real_workbook(client, world):
    client.force_login(world.users["staff"])
    response = client.post(
        reverse("community:roster_import"),
        {
            "community": world.community.pk,
            "file": upload("花名册.xlsx", xlsx_bytes(roster_rows(5))),
        },
    )
    assert response.status_code == 302
    assert RosterImport.objects.count() == 1


# Photos.


@pytest.mark.parametrize("name, data", [("rx.jpg", JPEG), ("rx.png", PNG), ("rx.webp", WEBP),
                                        ("rx.heic", HEIC)])  # fmt: skip
def test_each_phone_photo_format_passes(name, data):
    assert uploads.check_photo(upload(name, data)) == uploads.sniff(data[:32])


@pytest.mark.parametrize("name, data", [("rx.jpg", EXE), ("rx.jpg", HTML), ("rx.png", PDF),
                                        ("rx.jpg", b"just text")])  # fmt: skip
def test_a_renamed_file_is_refused_as_a_photo(name, data):
    with pytest.raises(ValidationError) as refused:
        uploads.check_photo(upload(name, data))
    assert "这不是照片" in refused.value.messages[0]


def test_a_pdf_passes_only_where_a_pdf_is_allowed():
    assert uploads.check_photo(upload("rx.pdf", PDF), allow_pdf=True) == "pdf"
    with pytest.raises(ValidationError):
        uploads.check_photo(upload("rx.pdf", PDF))


def test_a_photo_over_the_limit_is_refused(settings):
    settings.LINLI_UPLOAD_IMAGE_MB = 1
    with pytest.raises(ValidationError) as refused:
        uploads.check_photo(upload("rx.jpg", JPEG + b"\x00" * 1024 * 1024))
    assert "最多 1 MB" in refused.value.messages[0]


def medicine_form(world, name, data):
    return MedicineForm(
        {"household": world.household3.pk, "name": "二甲双胍", "quantity": "2", "unit": "盒"},
        {"prescription": upload(name, data)},
        households=Household.objects.all(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name, data", [("rx.jpg", EXE), ("rx.jpg", HTML), ("rx.pdf", EXE)])
def test_a_prescription_renamed_from_an_exe_or_a_page_is_refused(world, name, data):
    form = medicine_form(world, name, data)
    assert not form.is_valid()
    assert "这不是照片或 PDF" in form.errors["prescription"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("name, data", [("rx.jpg", JPEG), ("rx.heic", HEIC), ("rx.pdf", PDF)])
def test_a_real_prescription_photo_or_pdf_is_taken(world, name, data):
    form = medicine_form(world, name, data)
    assert form.is_valid(), form.errors


def a_workbook_that_unzips_to(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"\x20" * size)
    return buffer.getvalue()


def test_a_workbook_that_unzips_to_far_more_than_the_limit_is_refused(settings):
    # A few kilobytes that unzip to gigabytes would fill the server's memory when read.
    settings.LINLI_UPLOAD_SPREADSHEET_MB = 1
    bomb = a_workbook_that_unzips_to(uploads.UNZIPPED_TIMES * 1024 * 1024 + 1)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        uploads.check_spreadsheet(upload("花名册.xlsx", bomb))
    assert "解压" in refused.value.messages[0]
    # The other side: just under it passes.
    fine = a_workbook_that_unzips_to(uploads.UNZIPPED_TIMES * 1024 * 1024 - 4096)
    assert uploads.check_spreadsheet(upload("花名册.xlsx", fine)) == fine
