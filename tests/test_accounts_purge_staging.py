"""`linli purge_login_codes` also deletes roster and 接龙 imports left unconfirmed
longer than LINLI_STAGING_DAYS (default 7), and only those."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from linli.community.models import RosterImport
from linli.groupbuy.models import JielongImport, Round

DAY = timedelta(days=1)


def purge():
    out = StringIO()
    call_command("purge_login_codes", stdout=out)
    return out.getvalue().strip().splitlines()[-1]


@pytest.fixture
def stage(world):
    round_ = Round.objects.create(
        community=world.community, title="2月蔬菜", opens_at=timezone.now(),
        closes_at=timezone.now() + DAY,
    )  # fmt: skip

    def stage(name, confirmed=False):
        roster = RosterImport.objects.create(
            community=world.community, file_name=f"{name}.xlsx", content=b"PK",
            created_by=world.users["staff"],
        )  # fmt: skip
        jielong = JielongImport.objects.create(
            round=round_, text=f"#接龙 {name}\n1. 3-1-201 白菜1", title=name,
            created_by=world.users["captain3"],
        )  # fmt: skip
        if confirmed:
            RosterImport.objects.filter(pk=roster.pk).update(
                status=RosterImport.Status.COMMITTED, committed_at=timezone.now()
            )
            JielongImport.objects.filter(pk=jielong.pk).update(
                status=JielongImport.Status.CONFIRMED, confirmed_at=timezone.now()
            )

    return stage


def left():
    return (
        sorted(RosterImport.objects.values_list("file_name", flat=True)),
        sorted(JielongImport.objects.values_list("title", flat=True)),
    )


def test_a_preview_older_than_seven_days_goes_and_a_younger_one_stays(stage):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        stage("old")
        clock.shift(DAY)
        stage("young")
        clock.shift(6 * DAY + timedelta(minutes=1))  # old: 7 days and a minute

        said = purge()

    assert said == "Deleted imports unconfirmed for over 7 days: rosters: 1, jielong: 1."
    assert left() == (["young.xlsx"], ["young"])


def test_a_preview_just_under_the_age_stays(stage):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        stage("almost")
        clock.shift(7 * DAY - timedelta(minutes=1))

        assert purge() == "Deleted imports unconfirmed for over 7 days: rosters: 0, jielong: 0."

    assert left() == (["almost.xlsx"], ["almost"])


def test_confirmed_imports_stay_however_old_they_are(stage):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        stage("done", confirmed=True)
        stage("abandoned")
        clock.shift(30 * DAY)

        purge()

    assert left() == (["done.xlsx"], ["done"])


def test_the_age_is_read_from_the_setting(stage, settings):
    settings.LINLI_STAGING_DAYS = 2
    with time_machine.travel(timezone.now(), tick=False) as clock:
        stage("three days")
        clock.shift(DAY)
        stage("two days")
        clock.shift(DAY + timedelta(minutes=1))
        stage("fresh")
        clock.shift(DAY)

        said = purge()

    assert said == "Deleted imports unconfirmed for over 2 days: rosters: 2, jielong: 2."
    assert left() == (["fresh.xlsx"], ["fresh"])


def test_a_staging_age_under_a_day_is_refused_at_startup(tmp_path):
    from tests.test_settings_env import load_settings

    refused = load_settings(tmp_path, LINLI_STAGING_DAYS="0")
    assert refused.returncode != 0
    assert "LINLI_STAGING_DAYS must be 1 or more" in refused.stderr
    assert load_settings(tmp_path, LINLI_STAGING_DAYS="1").returncode == 0
