from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse

from linli.community.models import Resident
from linli.health.choices import Category, Channel, VisitOutcome
from linli.health.coverage import coverage
from linli.health.models import CategoryEntry, CheckIn, VisitTask, with_category


def test_whole_household_normal_twice_still_gives_one_check_in_per_person(world, today, client):
    Resident.objects.create(household=world.household3, name="黄小彬", birth_year=2012)
    client.force_login(world.users["captain3"])
    url = reverse("health:household_normal", args=[world.household3.pk])
    client.post(url)
    client.post(url)
    checkins = CheckIn.objects.filter(household=world.household3)
    assert checkins.count() == 2
    assert {c.channel for c in checkins} == {Channel.PROXY}
    assert not checkins.filter(abnormal=True).exists()


def test_whole_household_normal_does_not_hide_a_fever_reported_earlier(world, fever, client):
    client.force_login(world.users["captain3"])
    client.post(reverse("health:household_normal", args=[world.household3.pk]))
    assert CheckIn.objects.get(resident=world.huangbin).temperature == Decimal("38.2")


def test_a_later_entry_the_same_day_replaces_the_first(world, today):
    CheckIn.record(world.huangbin, temperature=Decimal("36.4"))
    CheckIn.record(world.huangbin, temperature=Decimal("36.8"))
    assert CheckIn.objects.get(resident=world.huangbin).temperature == Decimal("36.8")


def test_the_database_refuses_two_check_ins_for_one_person_on_one_day(world):
    first = CheckIn.record(world.huangbin, temperature=Decimal("36.4"))
    with pytest.raises(IntegrityError):
        CheckIn.objects.create(
            resident=world.huangbin, household=world.household3, date=first.date, channel="self"
        )


def test_a_fever_opens_one_visit_task_that_stays_open_until_the_outcome_is_recorded(world, fever):
    CheckIn.record(world.huangbin, temperature=Decimal("38.5"))  # a second reading, same task
    task = VisitTask.objects.open().get()
    assert task.resident == world.huangbin
    task.close(VisitOutcome.CATEGORY, world.users["staff"], "发热三天", Category.FEVER)
    assert not VisitTask.objects.open().exists()
    resident = with_category(Resident.objects.filter(pk=world.huangbin.pk)).get()
    assert resident.category == Category.FEVER


def test_a_reading_below_the_threshold_opens_no_task_and_the_threshold_is_a_setting(
    world, settings
):
    CheckIn.record(world.huangbin, temperature=Decimal("37.0"))
    assert not VisitTask.objects.exists()
    settings.LINLI_FEVER_THRESHOLD = "36.9"
    CheckIn.record(world.huangbin, temperature=Decimal("37.0"))
    assert VisitTask.objects.open().count() == 1


def test_the_current_category_is_the_latest_entry_of_the_history(world):
    staff = world.users["staff"]
    for category in (Category.CLOSE_CONTACT, Category.SUSPECTED, Category.CLEARED):
        CategoryEntry.objects.create(
            resident=world.huangbin, household=world.household3, category=category,
            recorded_by=staff, reason="复查",
        )  # fmt: skip
    assert with_category(Resident.objects.filter(pk=world.huangbin.pk)).get().category == "cleared"
    assert CategoryEntry.objects.filter(resident=world.huangbin).count() == 3


def test_the_category_history_cannot_be_rewritten(world):
    entry = CategoryEntry.objects.create(
        resident=world.huangbin, household=world.household3, category=Category.SUSPECTED
    )
    entry.category = Category.CLEARED
    with pytest.raises(ValueError):
        entry.save()


def test_coverage_counts_residents_checked_in_per_building(world, today):
    CheckIn.record(world.huangbin, temperature=Decimal("36.5"))
    buildings = world.community.compounds.get().buildings.all()
    rows = {r.building.number: r for r in coverage(buildings, today)}
    assert (rows["3"].checked, rows["3"].residents) == (1, 1)
    assert (rows["5"].checked, rows["5"].residents) == (0, 1)


def test_a_resident_enters_their_own_temperature_and_a_typo_is_kept_with_a_message(
    world, today, client
):
    client.force_login(world.users["resident"])
    url = reverse("health:checkin", args=[world.huangbin.pk])
    response = client.post(url, {"temperature": "3.65", "method": "forehead"})
    assert "体温应在 34.0 到 43.0 度之间" in response.content.decode()
    assert 'value="3.65"' in response.content.decode()
    client.post(url, {"temperature": "36.5", "method": "forehead"})
    assert CheckIn.objects.get(resident=world.huangbin).channel == Channel.SELF


def test_coverage_of_an_earlier_day_is_shown_for_that_day_and_a_future_day_falls_back_to_today(
    world, today, client
):
    from datetime import timedelta

    CheckIn.record(world.huangbin, temperature=Decimal("36.5"), day=today - timedelta(days=1))
    client.force_login(world.users["captain3"])
    url = reverse("health:dashboard")
    yesterday = client.get(url, {"date": (today - timedelta(days=1)).isoformat()})
    assert "2月11日已报 1 / 1 人" in yesterday.content.decode()
    assert "今天已报 0 / 1 人" in client.get(url).content.decode()
    future = client.get(url, {"date": (today + timedelta(days=1)).isoformat()})
    assert "今天已报 0 / 1 人" in future.content.decode()
    assert "今天已报" in client.get(url, {"date": "2020-02-31"}).content.decode()
