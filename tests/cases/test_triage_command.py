"""`linli triage FILE`: one JSON object a line, encodings, tags and exit codes."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

LINLI = Path(sys.executable).parent / "linli"


def run(path, *options) -> list[dict]:
    out = io.StringIO()
    call_command("triage", *options, str(path), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def texts(tmp_path):
    def write(data: bytes):
        path = tmp_path / "needs.txt"
        path.write_bytes(data)
        return path

    return write


def test_each_line_gives_one_json_object_and_blank_lines_are_skipped(texts):
    rows = run(texts("我不想活了\n\n  \n想买点米和油\n".encode()))
    assert rows == [
        {
            "text": "我不想活了",
            "category": "psych",
            "priority": "P1",
            "crisis": True,
            "reasons": ["提到“不想活了”（自杀念头）"],
        },
        {
            "text": "想买点米和油",
            "category": "supplies",
            "priority": "P4",
            "crisis": False,
            "reasons": [],
        },
    ]


def test_the_output_keeps_chinese_readable(texts):
    out = io.StringIO()
    call_command("triage", str(texts("我不想活了\n".encode())), stdout=out)
    assert "不想活了" in out.getvalue() and "\\u" not in out.getvalue()


def test_tags_raise_every_line(texts):
    (row,) = run(texts("想买点米和油\n".encode()), "--tags", "elderly_alone,chronic")
    assert row["priority"] == "P2"
    assert len(row["reasons"]) == 2


def test_an_unknown_tag_is_refused(texts):
    with pytest.raises(CommandError, match="未知的标签") as caught:
        run(texts("想买菜\n".encode()), "--tags", "rich")
    assert caught.value.returncode == 2


@pytest.mark.parametrize(
    "data",
    ["我不想活了\n".encode("gb18030"), "\ufeff我不想活了\r\n".encode(), "我不想活了".encode()],
)
def test_gb18030_bom_and_crlf_files_are_read(texts, data):
    (row,) = run(texts(data))
    assert row["text"] == "我不想活了" and row["crisis"]


def test_a_binary_file_exits_2_with_one_clear_line(texts):
    path = texts(bytes(range(256)) * 4)
    done = subprocess.run([LINLI, "triage", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "不是文本" in done.stderr


def test_a_missing_file_exits_2(tmp_path):
    done = subprocess.run(
        [LINLI, "triage", str(tmp_path / "none.txt")], capture_output=True, text=True
    )
    assert done.returncode == 2 and "无法读取文件" in done.stderr
