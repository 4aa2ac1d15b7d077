"""The .xlsx read back with openpyxl holds the page's figures, as numbers."""

from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from linli.accounts.choices import Role
from linli.community.models import Community, District, Street
from linli.reports import arith, daily
from linli.reports.labels import LABELS
from linli.reports.workbook import FIRST_ROW
from tests.conftest import make_user
from tests.reports.conftest import DAY, EXPECTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(time_machine):
    time_machine.move_to("2020-02-15 21:00 +08:00")


def _book(client, user, url):
    client.force_login(user)
    response = client.get(url, {"date": DAY.isoformat()})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return openpyxl.load_workbook(BytesIO(response.content))


def test_the_community_workbook_holds_the_same_figures_as_numbers(client, seeded, later):
    book = _book(client, seeded.users["staff"],
                 reverse("reports:community_xlsx", args=[seeded.community.pk]))  # fmt: skip
    assert book.sheetnames == ["日报", "趋势"]
    sheet = book["日报"]
    report = daily.build([seeded.community], DAY)
    expected = report.rows()
    read = [
        (a.value, b.value, c.value) for a, b, c in sheet.iter_rows(min_row=FIRST_ROW, max_col=3)
    ]
    assert read == [(str(LABELS[k]), v, ch) for k, v, ch in expected]
    assert sheet.cell(FIRST_ROW, 2).value == EXPECTED["residents"]
    assert all(isinstance(v, int | float) for _a, v, _c in read)
    assert sheet["B2"].value == DAY.isoformat()
    assert sheet["A4"].font.name == "宋体" and sheet.freeze_panes == "B4"
    assert sheet.column_dimensions["A"].width >= 20


def test_the_trend_sheet_has_the_fourteen_days(client, seeded, later):
    book = _book(client, seeded.users["staff"],
                 reverse("reports:community_xlsx", args=[seeded.community.pk]))  # fmt: skip
    rows = list(book["趋势"].iter_rows(values_only=True))
    assert rows[0] == ("日期", "打卡率（%）", "异常人数", "新增确诊与疑似", "未办结需求")
    assert len(rows) == 15
    assert rows[-1] == (DAY.isoformat(), 66.7, 1, 1, 5)
    assert rows[1][0] == (DAY - timedelta(days=13)).isoformat()


def test_the_rollup_workbook_has_a_row_per_community_and_their_total(client, seeded, later):
    book = _book(client, seeded.users["viewer"], reverse("reports:rollup_xlsx"))
    assert book.sheetnames == ["日报", "趋势", "各社区"]
    rows = list(book["各社区"].iter_rows(values_only=True))
    header, communities, total = rows[0], rows[1:-1], rows[-1]
    assert [r[1] for r in communities] == ["宝通寺社区", "武南村社区"]
    residents = header.index("应打卡人数")
    assert [r[residents] for r in communities] == [1, 3] and total[residents] == 4
    assert total[0] == "合计"
    coverage = header.index("打卡率（%）")
    assert total[coverage] == 75.0
    assert book["日报"].cell(FIRST_ROW, 2).value == 4


def test_staff_cannot_download_the_rollup(client, seeded, later):
    client.force_login(seeded.users["staff"])
    assert client.get(reverse("reports:rollup_xlsx")).status_code == 404


def test_every_key_has_a_label():
    assert set(daily.ROW_KEYS) <= set(LABELS)
    assert set(arith.KEYS) - {"volunteer_minutes"} <= set(daily.ROW_KEYS)


def test_a_street_not_among_the_viewers_titles_the_rollup_with_the_district(client, seeded, later):
    district = seeded.community.street.district
    street = Street.objects.create(district=district, name="水果湖街道")
    Community.objects.create(street=street, name="东亭社区")
    elsewhere = Street.objects.create(district=District.objects.create(name="江岸区"), name="某街")
    client.force_login(make_user("district", Role.VIEWER, district=district))

    response = client.get(reverse("reports:rollup_xlsx"), {"street": elsewhere.pk})

    book = openpyxl.load_workbook(BytesIO(response.content))
    assert len(list(book["各社区"].iter_rows())) == 1 + 3 + 1
    assert book["日报"]["A1"].value == f"{district}日报"
