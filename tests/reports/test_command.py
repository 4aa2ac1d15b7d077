"""`linli daily_report`: stores each community's figures once, safe to re-run."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from linli.reports.models import DailyReport
from tests.reports.conftest import DAY, EXPECTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(time_machine):
    time_machine.move_to("2020-02-15 21:00 +08:00")


def test_the_command_stores_every_communitys_figures_for_the_day(seeded, later):
    call_command("daily_report", date=DAY.isoformat())
    stored = {r.community_id: r.figures for r in DailyReport.objects.filter(date=DAY)}
    assert set(stored) == {seeded.community.pk, seeded.other_community.pk}
    assert stored[seeded.community.pk] == EXPECTED


def test_running_it_twice_gives_the_same_rows_and_no_duplicates(seeded, later):
    call_command("daily_report", "--date", DAY.isoformat())
    first = list(DailyReport.objects.values_list("community_id", "date", "figures"))
    call_command("daily_report", "--date", DAY.isoformat())
    assert list(DailyReport.objects.values_list("community_id", "date", "figures")) == first
    assert DailyReport.objects.count() == 2


def test_a_rerun_replaces_figures_that_changed(seeded, later):
    call_command("daily_report", "--date", DAY.isoformat(), "--community", seeded.community.pk)
    DailyReport.objects.update(figures={"residents": 99})
    call_command("daily_report", "--date", DAY.isoformat(), "--community", seeded.community.pk)
    assert DailyReport.objects.get().figures == EXPECTED


def test_days_backfills_the_days_before(seeded, later):
    call_command("daily_report", "--date", DAY.isoformat(), "--days", "3")
    assert sorted(set(DailyReport.objects.values_list("date", flat=True))) == [
        DAY - timedelta(days=2), DAY - timedelta(days=1), DAY,
    ]  # fmt: skip


def test_without_a_date_it_reports_today(seeded, later):
    call_command("daily_report")
    assert set(DailyReport.objects.values_list("date", flat=True)) == {DAY + timedelta(days=5)}


@pytest.mark.parametrize("args", [["--date", "2020-13-01"], ["--date", "2020-02-20"],
                                  ["--community", "999999"]])  # fmt: skip
def test_bad_arguments_are_refused_with_a_message(seeded, later, args):
    with pytest.raises(CommandError):
        call_command("daily_report", *args)
