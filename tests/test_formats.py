"""Dates on pages follow the reader's language: 2月20日 in Chinese, Feb 20 in
English (linli/formats, picked up through FORMAT_MODULE_PATH)."""

import datetime
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

MOMENT = datetime.datetime(2020, 2, 20, 8, 30)
LINLI = Path(__file__).resolve().parent.parent / "linli"


def render(language, fmt):
    with translation.override(language):
        template = Template('{{ moment|date:"' + fmt + '" }}')
        return template.render(Context({"moment": MOMENT}))


def test_a_date_reads_2yue20ri_in_chinese():
    assert render("zh-hans", "MONTH_DAY_FORMAT") == "2月20日"


def test_a_date_reads_feb_20_in_english():
    assert render("en", "MONTH_DAY_FORMAT") == "Feb 20"


def test_a_date_and_time_reads_in_the_readers_language():
    assert render("zh-hans", "SHORT_DATETIME_FORMAT") == "2月20日 08:30"
    assert render("en", "SHORT_DATETIME_FORMAT") == "Feb 20, 08:30"


def test_no_template_hard_codes_a_chinese_date_format():
    offenders = [
        str(path.relative_to(LINLI))
        for path in LINLI.rglob("*.html")
        if "月j日" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
