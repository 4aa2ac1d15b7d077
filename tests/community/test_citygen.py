"""`linli generate_city`: a whole city written in bulk, the same for the same seed."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.community import citygen, demo
from linli.community.choices import Tag
from linli.community.models import (
    Area,
    Building,
    Community,
    Household,
    Resident,
    ResidentTag,
    Unit,
)
from linli.community.phone import normalize_phone

pytestmark = pytest.mark.django_db


def _snapshot():
    """The city as a person would read it, without database ids."""
    residents = Resident.objects.select_related(
        "household__building__compound__community__street", "household__unit"
    ).prefetch_related("tags")
    return sorted(
        (
            r.household.building.compound.community.street.name,
            r.household.building.compound.community.name,
            r.household.building.compound.name,
            r.household.building.number,
            r.household.unit.number,
            r.household.room,
            r.name,
            r.phone,
            r.id_number,
            r.birth_year,
            tuple(sorted(r.tag_values)),
        )
        for r in residents
    )


def _remove_city():
    Community.objects.all().delete()
    User.objects.filter(username__startswith="city").delete()


def test_a_small_city_has_every_level_of_the_registry():
    counts = citygen.generate(900, communities=3, seed=3)

    assert counts["residents"] == Resident.objects.count() == 900
    assert Community.objects.count() == 3
    assert Household.objects.count() == counts["households"]
    for community in Community.objects.all():
        assert Area.objects.filter(community=community).count() == len(citygen.AREA_NAMES)
        assert (
            Resident.objects.filter(household__building__compound__community=community).count()
            == 300
        )
    # Every building's area and every household's unit sit in the right place.
    assert not Building.objects.exclude(area__community=F("compound__community")).exists()
    assert not Household.objects.exclude(unit__building=F("building")).exists()
    assert not Household.objects.filter(residents__isnull=True).exists()
    assert 2.0 <= 900 / counts["households"] <= 3.0
    assert Unit.objects.count() == counts["units"]


def test_phones_are_unique_normalised_and_outside_the_demos_ranges():
    citygen.generate(1200, communities=2, seed=5)

    phones = [p for p in Resident.objects.values_list("phone", flat=True) if p]
    assert len(phones) > 600  # children and many elders have none
    assert len(phones) == len(set(phones))
    assert all(normalize_phone(p) == p for p in phones)
    demo_prefixes = set(demo._MOBILE_PREFIXES) | {"137"}
    assert not any(p[:3] in demo_prefixes for p in phones)


def test_vulnerability_tags_come_at_realistic_rates():
    citygen.generate(3000, communities=1, seed=8)

    tags = Counter(ResidentTag.objects.values_list("tag", flat=True))
    share = {tag: tags[tag] / 3000 for tag in Tag.values}
    assert 0.05 <= share[Tag.ELDERLY_70] <= 0.25
    assert 0.01 <= share[Tag.ELDERLY_ALONE] <= 0.08
    assert 0.03 <= share[Tag.CHILD] <= 0.2
    assert 0 < share[Tag.QUARANTINE] < 0.05
    # Most residents carry no tag at all.
    assert Resident.objects.vulnerable().count() < 1500


def test_the_same_seed_gives_the_same_city_and_another_seed_another():
    citygen.generate(700, communities=2, seed=11)
    first = _snapshot()
    _remove_city()
    citygen.generate(700, communities=2, seed=11)
    assert _snapshot() == first
    _remove_city()
    citygen.generate(700, communities=2, seed=12)
    assert _snapshot() != first


def test_a_second_run_is_refused_with_a_clear_message_and_writes_nothing():
    call_command("generate_city", "--residents", "400", stdout=_Null())

    with pytest.raises(CommandError, match="--append"):
        call_command("generate_city", "--residents", "400", stdout=_Null())
    assert Resident.objects.count() == 400


def test_append_adds_communities_and_leaves_the_first_ones_as_they_were():
    citygen.generate(600, communities=2, seed=4)
    before = _snapshot()

    counts = citygen.generate(600, communities=2, seed=4, append=True)

    assert counts["first_community"] == 2
    assert Community.objects.count() == 4
    names = list(Community.objects.values_list("street__name", "name"))
    assert len(names) == len(set(names))
    after = _snapshot()
    assert set(before) <= set(after)
    phones = [p for p in Resident.objects.values_list("phone", flat=True) if p]
    assert len(phones) == len(set(phones))


def test_the_demo_community_is_not_taken_for_a_city():
    demo.build(demo.plan(60))

    citygen.generate(300, communities=1, seed=1)

    assert citygen.existing_communities() == 1
    assert Community.objects.count() == 2


def test_each_community_gets_a_staff_login_and_captains_for_its_own_buildings():
    citygen.generate(1500, communities=2, seed=6)

    staff = Membership.objects.filter(role=Role.STAFF, user__username__startswith="city")
    assert sorted(staff.values_list("community__name", flat=True)) == sorted(
        Community.objects.values_list("name", flat=True)
    )
    captains = Membership.objects.filter(role=Role.CAPTAIN).prefetch_related("buildings")
    covered = set()
    for captain in captains:
        buildings = list(captain.buildings.all())
        assert 1 <= len(buildings) <= citygen.BUILDINGS_PER_CAPTAIN
        assert {b.compound.community_id for b in buildings} == {captain.community_id}
        covered |= {b.pk for b in buildings}
    assert covered == set(Building.objects.values_list("pk", flat=True))
    assert not any(
        u.has_usable_password() for u in User.objects.filter(username__startswith="city")
    )


def test_rows_added_after_the_city_get_fresh_ids():
    citygen.generate(300, communities=1, seed=2)
    household = Household.objects.first()

    resident = Resident.objects.create(household=household, name="新来的")
    tag = ResidentTag.objects.create(resident=resident, tag=Tag.CHRONIC)
    extra = Household.objects.create(building=household.building, room="9999")

    assert resident.pk > Resident.objects.exclude(pk=resident.pk).order_by("-pk")[0].pk
    assert tag.pk and extra.pk


def test_pinyin_keys_are_filled_in_as_save_would():
    citygen.generate(200, communities=1, seed=9)

    resident = Resident.objects.first()
    name_pinyin, initials = resident.name_pinyin, resident.name_initials
    resident.save()
    resident.refresh_from_db()
    assert (resident.name_pinyin, resident.name_initials) == (name_pinyin, initials)
    assert Resident.objects.search(initials).filter(pk=resident.pk).exists()


class _Null:
    def write(self, *_args):
        pass

    def flush(self):
        pass
