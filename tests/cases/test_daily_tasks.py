"""`linli daily_tasks`: one check-call a day for each resident living alone, safe to
re-run, quick for a whole city's worth of residents."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.cases.choices import TaskKind, TaskStatus
from linli.cases.models import VolunteerTask
from linli.community.choices import Tag
from linli.community.models import Household, Resident, ResidentTag

DAY = dt.date(2020, 2, 20)


def run(*args):
    out = StringIO()
    call_command("daily_tasks", *args, stdout=out)
    return out.getvalue()


def test_each_resident_living_alone_gets_one_call_a_day_and_a_rerun_adds_none(world):
    assert "新建 1 个" in run("--date", "2020-02-20")  # 王秀英 of 5栋101
    call = VolunteerTask.objects.get()
    assert (call.kind, call.status, call.due_on) == (TaskKind.CHECK_CALL, TaskStatus.OPEN, DAY)
    assert call.household == world.household5 and call.community == world.community
    assert call.source_key == f"checkcall:{world.resident5.pk}:2020-02-20"
    assert "独居" not in call.title + call.detail
    assert "新建 0 个" in run("--date", "2020-02-20")
    assert VolunteerTask.objects.count() == 1
    run("--date", "2020-02-21")
    assert VolunteerTask.objects.count() == 2


def test_a_done_call_is_not_raised_again_the_same_day(world, people):
    run("--date", "2020-02-20")
    VolunteerTask.objects.update(status=TaskStatus.DONE, volunteer=people.volunteer, minutes=10)
    run("--date", "2020-02-20")
    assert VolunteerTask.objects.count() == 1


def test_only_residents_living_alone_get_calls_in_their_own_community(world):
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    other = Resident.objects.get(name="李强")
    ResidentTag.objects.create(resident=other, tag=Tag.ELDERLY_ALONE)
    run("--date", "2020-02-20")
    calls = dict(VolunteerTask.objects.values_list("household_id", "community_id"))
    assert calls == {
        world.household5.pk: world.community.pk,
        world.other_household.pk: world.other_community.pk,
    }


def test_a_bad_date_is_a_clear_error(world):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--date", "20号")


def test_two_thousand_residents_are_written_in_batches_within_seconds(world):
    households = Household.objects.bulk_create(
        Household(building=world.building5, room=str(1000 + i)) for i in range(2000)
    )
    residents = Resident.objects.bulk_create(
        Resident(household=h, name=f"老人{i}") for i, h in enumerate(households)
    )
    ResidentTag.objects.bulk_create(
        ResidentTag(resident=r, tag=Tag.ELDERLY_ALONE) for r in residents
    )
    with CaptureQueriesContext(connection) as queries:
        run("--date", "2020-02-20")
    assert VolunteerTask.objects.count() == 2001
    # Written in batches (SQLite's parameter limit makes them small), never one per resident.
    assert len(queries) < 60, len(queries)
