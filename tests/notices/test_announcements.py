"""Announcement behaviour: who an announcement reaches, who may see it, and how
reading in the app and being told by a captain count."""

import pytest

from linli.accounts.scope import Scope
from linli.community.models import Resident
from linli.notices.choices import Reach, Told
from linli.notices.models import Announcement, ReadReceipt

pytestmark = pytest.mark.django_db


def visible(world, user_key):
    return set(Announcement.objects.visible_to(Scope(world.users[user_key])))


def test_a_building_announcement_reaches_only_that_buildings_residents(world, to_building3):
    audience = set(to_building3.audience().values_list("name", flat=True))
    assert audience == {"黄彬", "刘敏", "张德海", "陈桂兰", "赵刚"}
    assert "王秀英" not in audience


def test_an_area_announcement_reaches_the_buildings_of_that_area(world, building3_people):
    announcement = Announcement.objects.create(
        community=world.community, reach=Reach.AREAS, title="一片区通知", body="…"
    )
    announcement.areas.set([world.area])
    assert set(announcement.audience_buildings()) == {world.building3}
    assert Announcement.objects.reaching(world.building3.__class__.objects.filter(
        pk=world.building5.pk)).count() == 0  # fmt: skip


def test_a_community_announcement_reaches_every_building_of_the_community_only(world, to_community):
    assert set(to_community.audience_buildings()) == {world.building3, world.building5}
    assert not to_community.audience().filter(household=world.other_household).exists()


def test_residents_and_captains_see_what_reaches_their_homes_and_buildings(
    world, to_building3, to_community
):
    assert visible(world, "resident") == {to_building3, to_community}
    assert visible(world, "captain3") == {to_building3, to_community}
    assert visible(world, "staff") == {to_building3, to_community}


def test_a_building_announcement_is_hidden_from_other_buildings_and_communities(
    world, to_building3, to_community
):
    assert visible(world, "resident5") == {to_community}
    assert visible(world, "captain5") == {to_community}
    assert visible(world, "other_staff") == set()
    assert visible(world, "nobody") == set()


def test_a_volunteer_of_the_community_reads_community_wide_notices_only(
    world, to_building3, to_community
):
    assert visible(world, "volunteer") == {to_community}


def test_reading_in_the_app_marks_every_resident_of_the_readers_household(
    world, to_building3, building3_people
):
    to_building3.mark_read({world.household3.pk}, by=world.users["resident"])

    read = set(ReadReceipt.objects.values_list("resident__name", flat=True))
    assert read == {"黄彬", "刘敏"}
    assert set(ReadReceipt.objects.values_list("how", flat=True)) == {Told.APP}


def test_reading_twice_or_after_a_call_keeps_one_receipt_per_resident(
    world, to_building3, building3_people
):
    to_building3.mark_told(building3_people["wife"], Told.PHONE, by=world.users["captain3"])
    to_building3.mark_read({world.household3.pk}, by=world.users["resident"])
    to_building3.mark_read({world.household3.pk}, by=world.users["resident"])

    assert ReadReceipt.objects.count() == 2
    assert ReadReceipt.objects.get(resident=building3_people["wife"]).how == Told.PHONE


def test_telling_a_resident_twice_records_the_first_telling(world, to_building3, building3_people):
    grandpa = building3_people["grandpa"]
    to_building3.mark_told(grandpa, Told.DOOR, by=world.users["captain3"])
    to_building3.mark_told(grandpa, Told.PHONE, by=world.users["staff"])

    receipt = ReadReceipt.objects.get(resident=grandpa)
    assert (receipt.how, receipt.by) == (Told.DOOR, world.users["captain3"])


def test_reading_an_announcement_that_does_not_reach_the_household_marks_nothing(
    world, to_building3
):
    to_building3.mark_read({world.household5.pk}, by=world.users["resident5"])
    assert ReadReceipt.objects.count() == 0


def test_the_unread_list_puts_residents_without_a_smartphone_first(
    world, to_building3, building3_people
):
    unread = list(to_building3.unread(Resident.objects.all()).values_list("name", flat=True))
    assert unread[:2] == ["张德海", "陈桂兰"]
    assert set(unread) == {"黄彬", "刘敏", "张德海", "陈桂兰", "赵刚"}


def test_the_unread_list_shrinks_as_residents_are_told(world, to_building3, building3_people):
    for key in ("grandpa", "grandma"):
        to_building3.mark_told(building3_people[key], Told.PHONE, by=world.users["captain3"])
    assert to_building3.unread(Resident.objects.all()).count() == 3


def test_read_counts_per_building_count_receipts_of_that_announcement_only(
    world, to_building3, to_community, building3_people
):
    to_community.mark_read({world.household3.pk}, by=world.users["resident"])
    to_building3.mark_told(building3_people["single"], Told.DOOR, by=world.users["captain3"])

    counts = to_building3.counts_by_building(world.building3.__class__.objects.all())
    assert [(b, total, told, left) for b, total, told, left in counts] == [
        (world.building3, 5, 1, 4)
    ]
