"""The report pages: who reads which community, the day picker, snapshots, charts."""

from datetime import timedelta
from io import BytesIO

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.accounts.choices import Role
from linli.community.models import Community, Street
from linli.reports.models import DailyReport
from tests.conftest import make_user
from tests.reports.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(time_machine):
    time_machine.move_to("2020-02-15 21:00 +08:00")


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def _community_url(world, other=False):
    pk = (world.other_community if other else world.community).pk
    return reverse("reports:community", args=[pk])


def _values(response):
    return {key: (value, change) for _t, rows in response.context["sections"]
            for key, _label, value, change in rows}  # fmt: skip


def test_staff_read_their_communitys_report_for_a_chosen_day(client, seeded, later):
    response = _get(client, seeded.users["staff"], _community_url(seeded), date=DAY.isoformat())
    assert response.status_code == 200
    values = _values(response)
    assert values["residents"] == (3, 0)
    assert values["cat_suspected"] == (1, 1)
    assert values["needs_overdue"] == (2, 1)
    assert values["coverage"] == (66.7, 33.4)


def test_staff_go_straight_to_their_own_report_from_the_index(client, seeded, later):
    response = _get(client, seeded.users["staff"], reverse("reports:index"))
    assert response.status_code == 200
    assert response.context["community"] == seeded.community


def test_staff_of_the_other_community_get_a_404(client, seeded, later):
    response = _get(client, seeded.users["other_staff"], _community_url(seeded))
    assert response.status_code == 404
    own = _get(client, seeded.users["other_staff"], _community_url(seeded, True))
    assert own.status_code == 200


@pytest.mark.parametrize("role", ["captain3", "area_leader", "resident", "social_worker",
                                  "psychologist", "doctor", "volunteer", "property", "supplier",
                                  "gatekeeper", "nobody"])  # fmt: skip
def test_other_roles_do_not_read_the_report(client, seeded, later, role):
    user = seeded.users[role]
    assert _get(client, user, reverse("reports:index")).status_code == 404
    assert _get(client, user, _community_url(seeded)).status_code == 404
    xlsx = reverse("reports:community_xlsx", args=[seeded.community.pk])
    assert _get(client, user, xlsx).status_code == 404
    assert _get(client, user, reverse("reports:rollup_xlsx")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, seeded):
    assert client.get(reverse("reports:index")).status_code == 302


def test_a_street_viewer_reads_the_rollup_and_drills_down(client, seeded, later):
    viewer = seeded.users["viewer"]
    response = _get(client, viewer, reverse("reports:index"), date=DAY.isoformat())
    assert response.status_code == 200
    assert [c for c, _f in response.context["rows"]] == [seeded.other_community, seeded.community]
    assert _values(response)["residents"] == (4, 0)
    assert _get(client, viewer, _community_url(seeded)).status_code == 200
    assert _get(client, viewer, _community_url(seeded, True)).status_code == 200


def test_a_viewer_of_another_street_gets_a_404_on_this_streets_communities(client, seeded, later):
    street = Street.objects.create(district=seeded.community.street.district, name="水果湖街道")
    Community.objects.create(street=street, name="东亭社区")
    outsider = make_user("street2", Role.VIEWER, street=street)
    assert _get(client, outsider, _community_url(seeded)).status_code == 404
    response = _get(client, outsider, reverse("reports:index"))
    assert [c.name for c, _f in response.context["rows"]] == ["东亭社区"]


def test_a_district_viewer_sees_every_street_and_can_pick_one(client, seeded, later):
    district = seeded.community.street.district
    street = Street.objects.create(district=district, name="水果湖街道")
    Community.objects.create(street=street, name="东亭社区")
    viewer = make_user("district", Role.VIEWER, district=district)
    response = _get(client, viewer, reverse("reports:index"))
    assert len(response.context["rows"]) == 3
    assert len(response.context["streets"]) == 2
    response = _get(client, viewer, reverse("reports:index"), street=street.pk)
    assert [c.name for c, _f in response.context["rows"]] == ["东亭社区"]


def test_a_past_day_reads_the_stored_report_and_today_counts_live(client, seeded, later):
    DailyReport.objects.create(community=seeded.community, date=DAY, figures={"residents": 99})
    today = DAY + timedelta(days=5)
    DailyReport.objects.create(community=seeded.community, date=today, figures={"residents": 99})
    staff = seeded.users["staff"]
    assert _values(_get(client, staff, _community_url(seeded), date=DAY.isoformat()))[
        "residents"
    ] == (99, 96)
    assert _values(_get(client, staff, _community_url(seeded)))["residents"] == (3, 0)


def test_a_day_to_come_or_a_bad_date_shows_today(client, seeded, later):
    staff = seeded.users["staff"]
    for text in ("2020-03-01", "yesterday"):
        response = _get(client, staff, _community_url(seeded), date=text)
        assert response.context["day"] == DAY + timedelta(days=5)
        assert response.context["next_day"] is None


def test_the_page_draws_both_charts_with_a_legend_and_the_7_day_toggle(client, seeded, later):
    staff = seeded.users["staff"]
    response = _get(client, staff, _community_url(seeded), date=DAY.isoformat())
    html = response.content.decode()
    assert html.count('<svg viewBox="0 0 360 210"') == 2
    for label in ("打卡率（%）", "异常人数", "新增确诊与疑似", "未办结需求"):
        assert label in html
    fourteen = response.context["charts"][0][1].lines[0]
    assert len(fourteen.dots) == 14 and fourteen.last == 66.7
    response = _get(client, staff, _community_url(seeded), date=DAY.isoformat(), days=7)
    assert len(response.context["charts"][0][1].lines[0].dots) == 7


def test_the_rollup_page_costs_the_same_queries_for_more_communities(client, seeded, later):
    viewer = seeded.users["viewer"]
    client.force_login(viewer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("reports:index"), {"date": DAY.isoformat()})
        assert response.status_code == 200
        return len(captured)

    before = queries()
    for i in range(2):
        Community.objects.create(street=seeded.community.street, name=f"加测{i}")
    assert queries() == before


def test_staff_find_the_report_on_their_overview_and_viewers_on_their_start_page(client, seeded):
    link = reverse("reports:index")
    assert link in _get(client, seeded.users["staff"], "/").content.decode()
    assert link in _get(client, seeded.users["viewer"], "/").content.decode()
    assert link not in _get(client, seeded.users["captain3"], "/").content.decode()
    assert link not in _get(client, seeded.users["property"], "/").content.decode()


def test_a_viewer_of_another_street_downloads_nothing_of_this_street(client, seeded, later):
    street = Street.objects.create(district=seeded.community.street.district, name="水果湖街道")
    Community.objects.create(street=street, name="东亭社区")
    outsider = make_user("street2", Role.VIEWER, street=street)
    xlsx = reverse("reports:community_xlsx", args=[seeded.community.pk])
    assert _get(client, outsider, xlsx).status_code == 404
    asked = _get(client, outsider, reverse("reports:rollup_xlsx"),
                 street=seeded.community.street_id)  # fmt: skip
    book = openpyxl.load_workbook(BytesIO(asked.content))
    # The one community of the viewer's street, then the total row.
    rows = book["各社区"].iter_rows(min_row=2, values_only=True)
    assert [row[1] for row in rows] == ["东亭社区", None]
