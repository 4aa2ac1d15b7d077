"""Checks on uploaded files: the content must be what the name says, and small.

A file's name and the browser's Content-Type are the sender's word; these
checks read the bytes. A spreadsheet must be a real .xlsx (a zip holding
[Content_Types].xml and a workbook) or plain text for .csv; a photo must start
with the signature of JPEG, PNG, WebP or HEIC (or be a PDF where one is
allowed). Anything else, an .exe or a web page renamed, is refused with a
message a community worker understands.
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
# An .xlsx is a zip: unzipped, a real workbook is a few times its size. One that
# unzips to more than this many times the upload limit is a zip bomb, which
# would fill the server's memory when openpyxl reads it.
UNZIPPED_TIMES = 20

# What a file's first bytes say it is.
_SIGNATURES = [
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # old .xls / .doc
    (b"MZ", "exe"),
    (b"\x7fELF", "exe"),
]
# HEIC/HEIF: an ISO media file ("ftyp" at byte 4) of one of these brands.
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_HTML_STARTS = (b"<!doctype", b"<html", b"<script", b"<?xml", b"<svg", b"<head", b"<body")

IMAGE_KINDS = {"jpeg", "png", "webp", "heic"}


def sniff(head: bytes) -> str | None:
    """The kind of file these first bytes (at least 16) begin, or None."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS:
        return "heic"
    if head.lstrip()[:9].lower().startswith(_HTML_STARTS):
        return "html"
    return None


def is_xlsx(data: bytes) -> bool:
    """A zip archive laid out as an Office Open XML workbook."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def unzips_within(data: bytes, limit: int) -> bool:
    """Whether the archive's members unzip to at most `limit` bytes in all.
    Counted by unzipping (the sizes a zip declares are the sender's word),
    stopping as soon as the limit is passed."""
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                with archive.open(info) as member:
                    while chunk := member.read(MB):
                        total += len(chunk)
                        if total > limit:
                            return False
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        # Broken, not too big: the workbook reader says so in its own words.
        return True
    return True


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _suffix(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_spreadsheet(upload, max_bytes: int | None = None) -> bytes:
    """The bytes of an uploaded .xlsx or .csv, or ValidationError. Reads the file once."""
    limit = max_bytes or settings.LINLI_UPLOAD_SPREADSHEET_MB * MB
    if upload.size > limit:
        raise ValidationError(
            _("文件太大了（最多 %(mb)d MB），请分成几个文件导入"),
            code="too_big",
            params={"mb": limit // MB},
        )
    data = _read(upload)
    kind = sniff(data[:32])
    suffix = _suffix(upload.name)
    if kind in ("exe", "html", "jpeg", "png", "webp", "heic", "pdf"):
        raise ValidationError(
            _("这不是花名册表格（文件内容不是Excel或CSV），请上传 .xlsx 或 .csv 文件"),
            code="wrong_type",
        )
    if suffix in ("xlsx", "xlsm") or kind == "zip":
        if not is_xlsx(data):
            raise ValidationError(
                _("这个文件不是有效的Excel（.xlsx）文件，可能已损坏或被改了扩展名"),
                code="wrong_type",
            )
        if not unzips_within(data, limit * UNZIPPED_TIMES):
            raise ValidationError(
                _("这个Excel文件解压后太大了（超过 %(mb)d MB），请检查文件或分成几个文件导入"),
                code="too_big",
                params={"mb": limit * UNZIPPED_TIMES // MB},
            )
    elif kind is None and b"\x00" in data[:4096]:
        # Text never holds NUL bytes; a binary file renamed .csv does.
        raise ValidationError(
            _("这不是文本格式的CSV文件，请在Excel或WPS中另存为 .xlsx 或 .csv 后再上传"),
            code="wrong_type",
        )
    return data


def check_photo(upload, max_bytes: int | None = None, allow_pdf: bool = False) -> str:
    """The kind of an uploaded photo (jpeg, png, webp, heic; pdf if allowed), or ValidationError."""
    limit = max_bytes or settings.LINLI_UPLOAD_IMAGE_MB * MB
    if upload.size > limit:
        raise ValidationError(
            _("照片太大了（最多 %(mb)d MB），请重新拍一张"),
            code="too_big",
            params={"mb": limit // MB},
        )
    upload.seek(0)
    head = upload.read(32)
    upload.seek(0)
    kind = sniff(head)
    allowed = IMAGE_KINDS | ({"pdf"} if allow_pdf else set())
    if kind not in allowed:
        raise ValidationError(
            _("这不是照片（文件内容不是 jpg、png、webp 或 heic 图片），请重新拍照上传")
            if not allow_pdf
            else _("这不是照片或 PDF（文件内容不对），请重新拍照上传"),
            code="wrong_type",
        )
    return kind
