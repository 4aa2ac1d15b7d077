"""Every figure of the daily report against the day seeded in conftest."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.community.models import Building, Community, Compound, Household, Resident
from linli.health.models import CategoryEntry, CheckIn, Quarantine
from linli.reports import arith, daily, figures
from tests.reports.conftest import DAY, EXPECTED, PREVIOUS, at

pytestmark = pytest.mark.django_db


def test_every_figure_of_the_day_is_counted_from_the_seeded_data(seeded):
    counted = figures.count(Community.objects.filter(pk=seeded.community.pk), DAY, now=at(5, 0))
    assert counted == {seeded.community.pk: EXPECTED}


def test_the_day_before_is_counted_as_it_stood_at_its_own_midnight(seeded):
    before = DAY - timedelta(days=1)
    counted = figures.count([seeded.community.pk], before, now=at(5, 0))
    assert counted[seeded.community.pk] == PREVIOUS


def test_the_change_from_the_day_before_follows_the_category_history(seeded):
    report = daily.build([seeded.community], DAY, today=DAY + timedelta(days=5))
    rows = {key: (value, change) for key, value, change in report.rows()}
    assert rows["cat_suspected"] == (1, 1)
    assert rows["cat_fever"] == (0, -1)
    assert rows["cat_close_contact"] == (1, 0)
    assert rows["cat_confirmed"] == (0, 0)
    assert rows["coverage"] == (66.7, 33.4)
    assert rows["needs_open"] == (5, 2)
    assert rows["volunteer_hours"] == (2.5, 2.0)


def test_overdue_on_today_is_judged_now_not_at_midnight(seeded):
    # At 9:20 on the day the P1 need is not yet past its 9:30 deadline.
    counted = figures.count([seeded.community.pk], DAY, now=at(0, 9, 20))
    assert counted[seeded.community.pk]["needs_overdue"] == 1


def test_the_other_community_counts_only_its_own(seeded):
    counted = figures.count([seeded.other_community.pk], DAY, now=at(5, 0))[
        seeded.other_community.pk
    ]
    assert (counted["residents"], counted["checked"], counted["abnormal"]) == (1, 1, 1)
    assert counted["cat_confirmed"] == 1 and counted["gate_exits"] == 1
    assert counted["needs_p1"] == 1 and counted["volunteer_minutes"] == 45


def test_the_rollup_equals_the_sum_of_its_communities(seeded):
    both = [seeded.community, seeded.other_community]
    report = daily.build(both, DAY, today=DAY + timedelta(days=5))
    one = figures.count([seeded.community.pk], DAY, now=at(5, 0))[seeded.community.pk]
    two = figures.count([seeded.other_community.pk], DAY, now=at(5, 0))[seeded.other_community.pk]
    assert report.total == {k: one[k] + two[k] for k in arith.KEYS}
    assert arith.derived(report.total)["coverage"] == 75.0  # 3 of 4, not the mean of 66.7 and 100


def _more_communities(world, n):
    for i in range(n):
        community = Community.objects.create(street=world.community.street, name=f"加测{i}")
        compound = Compound.objects.create(community=community, name=f"小区{i}")
        building = Building.objects.create(compound=compound, number="1")
        household = Household.objects.create(building=building, room="101")
        for k in range(3):
            resident = Resident.objects.create(household=household, name=f"居民{i}{k}")
            CheckIn.record(resident, day=DAY)


def test_the_number_of_queries_does_not_grow_with_the_communities(seeded):
    def queries(communities):
        with CaptureQueriesContext(connection) as captured:
            figures.count(communities, DAY, now=at(5, 0))
        return len(captured)

    one = queries(Community.objects.filter(pk=seeded.community.pk))
    _more_communities(seeded, 2)
    three = queries(Community.objects.filter(street=seeded.community.street))
    assert Community.objects.filter(street=seeded.community.street).count() == 4
    assert one == three


def test_a_report_with_its_trend_costs_the_same_queries_for_one_or_three_communities(seeded):
    def queries(communities):
        with CaptureQueriesContext(connection) as captured:
            daily.build(communities, DAY, today=DAY)
        return len(captured)

    one = queries([seeded.community])
    _more_communities(seeded, 2)
    three = queries(list(Community.objects.exclude(pk=seeded.other_community.pk)))
    assert one == three


def test_a_resident_recorded_twice_in_a_category_on_the_day_is_one_new_case(seeded):
    # 王秀英 goes to fever at 16:00 and the entry is written again at 17:00
    # with a better reason: one new fever case, not two.
    for hour in (16, 17):
        CategoryEntry.objects.create(resident=seeded.resident5, household=seeded.household5,
                                     category="fever", recorded_at=at(0, hour))  # fmt: skip

    counted = figures.count([seeded.community.pk], DAY, now=at(5, 0))[seeded.community.pk]
    assert (counted["new_fever"], counted["cat_fever"]) == (1, 1)


def test_a_category_written_again_the_next_day_is_not_new(seeded):
    # 黄彬 was fever the day before; at 8:00 on the day the visit writes fever
    # again (still fever), then suspected at 9:00: only suspected is new.
    CategoryEntry.objects.create(resident=seeded.huangbin, household=seeded.household3,
                                 category="fever", recorded_at=at(0, 8))  # fmt: skip

    counted = figures.count([seeded.community.pk], DAY, now=at(5, 0))[seeded.community.pk]
    assert counted == EXPECTED


def test_a_double_tap_on_start_quarantine_is_one_person_in_quarantine(seeded):
    # 黄小宝 (released at noon) is started on home quarantine twice on the day, a
    # double tap or a second worker: one more person in quarantine, one started.
    son = Resident.objects.get(name="黄小宝")
    for _ in range(2):
        Quarantine.begin(son, "home", by=None, start=DAY)

    counted = figures.count([seeded.community.pk], DAY, now=at(5, 0))[seeded.community.pk]
    assert counted["in_quarantine"] == EXPECTED["in_quarantine"] + 1
    assert counted["quarantine_started"] == EXPECTED["quarantine_started"] + 1
