"""English, the second language: pages, form errors and roster reasons read in
English for a user who chose it, Chinese stays the default, and the committed
catalogue (.po) is complete and compiled (.mo)."""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from linli.community.models import RosterImport
from linli.community.phone import PhoneError, normalize_phone
from linli.community.reasons import Reason
from tests.roster_factory import csv_bytes

MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"


def in_english(client, user):
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


def page(client, url, data=None):
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# Pages in English.


def test_an_english_reader_sees_the_staff_home_page_in_english(client, world):
    html = page(in_english(client, world.users["staff"]), reverse("front:home"))
    assert '<html lang="en">' in html
    for english in ("Community overview", "Find a resident", "Vulnerable residents", "Sign out"):
        assert english in html
    for chinese in ("社区概况", "搜索居民", "重点关注居民", "退出"):
        assert chinese not in html


def test_count_columns_read_as_plurals_and_the_building_column_as_singular(client, world):
    html = page(in_english(client, world.users["staff"]), reverse("front:home"))
    assert "<th>Building</th>" in html
    assert '<th class="num">Households</th>' in html and '<th class="num">Residents</th>' in html


def test_the_sign_in_pages_are_english_once_english_is_picked_on_them(client, db):
    client.post(reverse("accounts:language"), {"language": "en"})
    login = page(client, reverse("accounts:login"))
    assert "Sign in" in login and "Username" in login and "Password" in login
    assert "登录" not in login and "用户名" not in login
    phone = page(client, reverse("accounts:phone_login"))
    assert "Sign in by phone" in phone and "Send me a code" in phone
    assert "手机验证码登录" not in phone and "获取验证码" not in phone


def test_a_wrong_number_on_the_phone_sign_in_page_is_explained_in_english(client, db):
    client.post(reverse("accounts:language"), {"language": "en"})
    html = page(client, reverse("accounts:phone_login"), {"phone": "1390000"})
    assert "Wrong mobile number: Mobile numbers have 11 digits; this one has 7" in html
    assert "手机号应为11位" not in html


def test_a_building_page_names_the_building_and_its_units_in_english(client, world):
    url = reverse("community:building", args=[world.building3.pk])
    html = page(in_english(client, world.users["captain3"]), url)
    assert "<h1>凯旋名邸 Building 3</h1>" in html  # the compound's name is a name, not UI
    assert "Unit 1" in html and "<title>凯旋名邸 Building 3 · Linli</title>" in html
    assert "3栋" not in html and "1单元" not in html


def test_a_resident_form_error_is_explained_in_english_with_what_was_typed_kept(client, world):
    url = reverse("community:resident_add", args=[world.household3.pk])
    data = {"name": "黄小明", "relation": "child", "sex": "m", "birth_year": "2012", "note": "",
            "phone": "1390000", "id_number": "42010619800101001", "tags": []}  # fmt: skip
    html = page(in_english(client, world.users["staff"]), url, data)
    assert "Mobile numbers have 11 digits; this one has 7" in html
    assert "ID numbers have 18 characters; this one has 17" in html
    assert "Some entries need correcting" in html and 'value="1390000"' in html
    assert "手机号应为11位" not in html and "身份证号应为18位" not in html


def test_the_roster_preview_explains_bad_rows_in_english(client, world):
    in_english(client, world.users["staff"])
    rows = [
        ["3", "1", "201", "黄小明", "1390000", "男", "VIP"],
        ["3", "1", "202", "", "", "", ""],
    ]
    data = csv_bytes(rows, ["楼栋", "单元", "房号", "姓名", "电话", "性别", "标签"])
    file = SimpleUploadedFile("roster.csv", data)
    client.post(reverse("community:roster_import"), {"community": world.community.pk, "file": file})
    html = page(client, reverse("community:roster_preview", args=[RosterImport.objects.get().pk]))
    assert "Rows with problems (2)" in html and "Row 2" in html
    assert "Phone 1390000: Mobile numbers have 11 digits; this one has 7; Unknown tags: VIP" in html
    assert "Name missing" in html
    assert "Columns recognised: Building, Unit, Room, Name, Sex, Phone<" in html
    for chinese in ("有问题的行", "手机号应为11位", "不认识的标签", "缺少姓名", "认出的列"):
        assert chinese not in html


def test_a_roster_file_that_cannot_be_used_is_refused_in_english(client, world):
    in_english(client, world.users["staff"])
    data = csv_bytes([["3", "1", "黄小明"]], ["楼栋", "单元", "姓名"])
    file = SimpleUploadedFile("roster.csv", data)
    html = page(
        client,
        reverse("community:roster_import"),
        {"community": world.community.pk, "file": file},
    )
    assert "Required columns not found: 房号. The header in row 1 is: 楼栋、单元、姓名." in html
    assert "找不到必填的列" not in html


# Chinese stays the default.


def test_a_user_who_chose_nothing_sees_chinese(client, world):
    client.force_login(world.users["staff"])
    html = page(client, reverse("front:home"))
    assert '<html lang="zh-hans">' in html and "社区概况" in html and "搜索居民" in html
    assert "Community overview" not in html and "Find a resident" not in html
    building = page(client, reverse("community:building", args=[world.building3.pk]))
    assert "<h1>凯旋名邸 3栋</h1>" in building and "Building 3" not in building


def test_an_anonymous_visitor_gets_the_chinese_sign_in_page(client, db):
    html = page(client, reverse("accounts:login"))
    assert "登录" in html and "Sign in" not in html


def test_chinese_roster_reasons_are_unchanged_for_a_chinese_reader(client, world):
    client.force_login(world.users["staff"])
    data = csv_bytes(
        [["3", "1", "201", "黄小明", "1390000"]], ["楼栋", "单元", "房号", "姓名", "电话"]
    )
    file = SimpleUploadedFile("roster.csv", data)
    client.post(reverse("community:roster_import"), {"community": world.community.pk, "file": file})
    html = page(client, reverse("community:roster_preview", args=[RosterImport.objects.get().pk]))
    assert "电话1390000：手机号应为11位，这里是7位" in html and "认出的列：楼栋、单元、房号" in html


def test_a_preview_staged_before_reasons_were_kept_apart_still_shows_its_reason(client, world):
    in_english(client, world.users["staff"])
    summary = {"rows": 1, "header_line": 1, "columns": ["楼栋"], "updates": [],
               "errors": [{"line": 2, "name": "", "reason": "缺少姓名"}]}  # fmt: skip
    staged = RosterImport.objects.create(
        community=world.community, file_name="old.csv", content=b"", summary=summary
    )
    html = page(client, reverse("community:roster_preview", args=[staged.pk]))
    assert "缺少姓名" in html and "Row 2" in html


# Reasons from the pure modules.


def test_a_reason_is_chinese_as_text_and_fills_its_values_after_translating():
    with pytest.raises(PhoneError) as refused:
        normalize_phone("1390000")
    reason = refused.value.reason
    assert str(refused.value) == str(reason) == "手机号应为11位，这里是7位"
    english = {"手机号应为11位，这里是%(n)d位": "Mobile numbers have 11 digits; this one has %(n)d"}
    assert reason.render(english.get) == "Mobile numbers have 11 digits; this one has 7"


def test_a_reason_survives_the_trip_through_json_with_the_reasons_inside_it():
    inner = Reason("手机号应为11位，这里是%(n)d位", n=7)
    outer = Reason("电话%(phone)s：%(reason)s", phone="1390000", reason=inner)
    again = Reason.from_data(outer.as_data())
    assert again == outer
    assert str(again) == "电话1390000：手机号应为11位，这里是7位"


# The catalogue.


def _unquote(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], "".join(parts))


def po_entries() -> list[dict]:
    """The .po's entries: context, msgid, plural, translations, flags."""
    entries = []
    for chunk in PO.read_text(encoding="utf-8").split("\n\n"):
        fields = dict(
            re.findall(
                r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)+)', chunk, re.M
            )
        )
        if "msgid" not in fields:
            continue
        flags = " ".join(re.findall(r"^#, (.*)$", chunk, re.M))
        entry = {k: _unquote(v) for k, v in fields.items()}
        entry["flags"] = flags
        entries.append(entry)
    return entries


def test_every_message_in_the_catalogue_has_an_english_translation_and_none_is_fuzzy():
    entries = [e for e in po_entries() if e["msgid"]]
    assert len(entries) > 300
    untranslated = [
        e["msgid"]
        for e in entries
        if not (e.get("msgstr") or (e.get("msgstr[0]") and e.get("msgstr[1]")))
    ]
    assert untranslated == []
    assert [e["msgid"] for e in po_entries() if "fuzzy" in e["flags"]] == []


def test_translations_keep_every_placeholder_of_their_message():
    placeholder = re.compile(r"%\(\w+\)[sd]|%\(\w+\)\.\d+f|\{\w+\}")
    wrong = []
    for e in po_entries():
        wanted = sorted(placeholder.findall(e["msgid"]))
        for key in ("msgstr", "msgstr[0]", "msgstr[1]"):
            if key in e and e["msgid"] and sorted(placeholder.findall(e[key])) != wanted:
                # Singular forms may name the number in words; none of ours does.
                wrong.append((e["msgid"], e[key]))
    assert wrong == []


def test_the_compiled_catalogue_holds_exactly_what_the_po_says():
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)._catalog
    expected = {}
    for e in po_entries():
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            expected[(key, 0)] = e["msgstr[0]"]
            expected[(key, 1)] = e["msgstr[1]"]
        else:
            expected[key] = e["msgstr"]
    # msgfmt leaves out the POT-Creation-Date, so the .mo stays the same when
    # makemessages ran again without changing a message.
    header = re.sub(r"POT-Creation-Date: .*\n", "", expected.pop(""))
    assert compiled.pop("") == header
    assert compiled == expected, "run `linli compilemessages` (see docs/operations.md)"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext tools not installed")
def test_the_po_compiles_cleanly_with_format_checks(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


# Strings in the code that the catalogue does not have yet (someone added a
# message and did not run makemessages). Single literal messages only: the
# forms xgettext and Django's template extractor see most often.
_PY_MESSAGE = re.compile(
    r'\b(?:_|gettext|gettext_lazy|gettext_noop)\(\s*"((?:[^"\\\n]|\\.)*)"\s*\)'
)
_TEMPLATE_MESSAGE = re.compile(r"""{%\s*translate\s+(["'])((?:(?!\1).)*)\1\s*%}""")


def test_every_marked_message_in_the_code_is_in_the_catalogue():
    known = {e["msgid"] for e in po_entries() if "msgctxt" not in e}
    root = Path(settings.BASE_DIR) / "linli"
    missing = set()
    for path in root.rglob("*.py"):
        if "migrations" not in path.parts:
            missing |= set(_PY_MESSAGE.findall(path.read_text(encoding="utf-8"))) - known
    for path in root.rglob("*.html"):
        found = {m[1] for m in _TEMPLATE_MESSAGE.findall(path.read_text(encoding="utf-8"))}
        missing |= found - known
    assert sorted(missing) == [], "run makemessages, translate, compilemessages"
