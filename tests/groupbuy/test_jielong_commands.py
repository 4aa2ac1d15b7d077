"""`linli parse_jielong` and `linli import_catalog`: encodings, exit codes, the
catalog from a file or from the database."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from linli.groupbuy.catalog_io import DEFAULT_CATALOG, load_catalog_csv
from linli.groupbuy.models import Product

POST = "#接龙\n凯旋名邸9栋 蔬菜团购\n1. 9-1-201 黄彬 茼蒿2斤 土豆3斤\n2. 9-1-402 马 芦笋1斤\n"
LINLI = Path(sys.executable).parent / "linli"


def run(path, *options) -> dict:
    out = io.StringIO()
    call_command("parse_jielong", *options, str(path), stdout=out)
    return json.loads(out.getvalue())


def first_items(result):
    return [
        (i["product"], i["quantity"], i["unit"], i["matched"])
        for i in result["entries"][0]["items"]
    ]


@pytest.fixture
def post(tmp_path):
    def write(data: bytes, name="post.txt"):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def test_a_utf8_post_prints_its_entries_as_json(post):
    result = run(post(POST.encode()), "--catalog", str(DEFAULT_CATALOG))
    assert result["title"] == "凯旋名邸9栋 蔬菜团购"
    assert first_items(result) == [("茼蒿", 2, "斤", True), ("土豆", 3, "斤", True)]
    assert result["entries"][0]["address"] == {"building": "9", "unit": "1", "room": "201"}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_bom_and_gb18030_files_read_the_same_as_utf8(post, encoding):
    plain = run(post(POST.encode(), "plain.txt"), "--catalog", str(DEFAULT_CATALOG))
    other = run(post(POST.encode(encoding), "other.txt"), "--catalog", str(DEFAULT_CATALOG))
    assert other == plain


def test_an_empty_file_prints_no_entries(post):
    assert run(post(b""), "--catalog", str(DEFAULT_CATALOG)) == {"entries": []}


def test_binary_input_is_refused_with_exit_code_2(post):
    with pytest.raises(CommandError) as error:
        run(post(bytes(range(256)) * 4))
    assert error.value.returncode == 2


def test_bytes_that_are_neither_utf8_nor_gb18030_are_refused(post):
    with pytest.raises(CommandError) as error:
        run(post(b"\xff\xfe\xfd" * 10))
    assert error.value.returncode == 2


def test_a_missing_file_is_refused_with_exit_code_2(tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path / "nowhere.txt")
    assert error.value.returncode == 2


@pytest.mark.skipif(not LINLI.exists(), reason="the linli command is not installed here")
def test_the_command_exits_2_with_one_line_on_stderr(post):
    done = subprocess.run(
        [str(LINLI), "parse_jielong", str(post(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.django_db
def test_without_a_catalog_file_the_products_in_the_database_are_used(post):
    path = post(POST.encode())
    assert first_items(run(path))[0] == ("茼蒿", 2, "斤", False)
    Product.objects.create(name="茼蒿", aliases=["蓬蒿"], unit="斤")
    assert first_items(run(path))[0] == ("茼蒿", 2, "斤", True)


@pytest.mark.django_db
def test_importing_the_catalog_twice_changes_nothing_the_second_time():
    rows = len(DEFAULT_CATALOG.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert load_catalog_csv(DEFAULT_CATALOG) == (rows, 0)
    assert load_catalog_csv(DEFAULT_CATALOG) == (0, 0)
    assert Product.objects.count() == rows
    tonghao = Product.objects.get(name="茼蒿")
    assert (tonghao.unit, tonghao.aliases, str(tonghao.price)) == ("斤", ["蓬蒿", "茼蒿菜"], "6.00")


@pytest.mark.django_db
def test_importing_a_changed_catalog_updates_only_what_changed(tmp_path):
    load_catalog_csv(DEFAULT_CATALOG)
    changed = DEFAULT_CATALOG.read_text(encoding="utf-8").replace(
        "茼蒿,蓬蒿|茼蒿菜,斤,蔬菜,6.00", "茼蒿,蓬蒿,斤,蔬菜,6.50"
    )
    path = tmp_path / "catalog.csv"
    path.write_text(changed, encoding="utf-8")
    assert load_catalog_csv(path) == (0, 1)
    assert Product.objects.get(name="茼蒿").aliases == ["蓬蒿"]


@pytest.mark.django_db
def test_the_import_command_reports_what_it_did():
    out = io.StringIO()
    call_command("import_catalog", str(DEFAULT_CATALOG), stdout=out)
    assert "新增" in out.getvalue()
    assert Product.objects.catalog().exact("番茄").name == "西红柿"


@pytest.mark.django_db
def test_a_bad_catalog_is_refused_naming_the_line_and_nothing_is_saved(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_text(
        "name,aliases,unit,category,price\n土豆,,斤,蔬菜,2\n白菜,,,蔬菜,1\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="第 3 行"):
        call_command("import_catalog", str(path), stdout=io.StringIO())
    assert not Product.objects.exists()
