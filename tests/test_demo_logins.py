"""The 200-resident demo community, built once for these tests that only read it:
search keys, the memberships of the story, the documented logins, every role."""

import pytest
from django.contrib.auth import authenticate

from linli.accounts.choices import Role
from linli.accounts.models import Membership, User
from linli.community.models import Building, Resident
from linli.community.names import pinyin_keys
from tests.conftest import demo_once
from tests.test_demo import documented_usernames

demo_200 = demo_once("--residents", "200")


@pytest.fixture
def demo(demo_200, db):
    pass


def test_search_keys_are_filled_in_although_bulk_create_skips_save(demo):
    for r in Resident.objects.all():
        assert (r.name_pinyin, r.name_initials) == pinyin_keys(r.name)
    assert "黄彬" in {r.name for r in Resident.objects.search("hb")}
    assert Building.objects.get(number="12").sort_key == 12


def test_huangbin_and_captain9_have_the_memberships_of_the_story(demo):
    huangbin = Resident.objects.get(name="黄彬")
    assert huangbin.household.address == "9栋1单元201"
    assert huangbin.household.building.compound.name == "凯旋名邸"
    membership = Membership.objects.get(user__username="huangbin")
    assert (membership.role, membership.household) == (Role.RESIDENT, huangbin.household)
    captain = Membership.objects.get(user__username="captain9")
    assert captain.role == Role.CAPTAIN
    assert [b.number for b in captain.buildings.all()] == ["9"]
    assert User.objects.get(username="captain9").phone == "13700000009"
    assert User.objects.get(username="futingting").display_name == "付婷婷"


def test_every_documented_login_exists_and_logs_in_with_linli2020(demo):
    documented = documented_usernames()
    assert {"admin", "futingting", "huangbin", "captain9", "chenlanlan", "quji"} <= documented
    assert set(User.objects.values_list("username", flat=True)) == documented
    for username in documented:
        assert authenticate(username=username, password="linli2020") is not None, username
    assert authenticate(username="futingting", password="wrong") is None


def test_every_role_has_a_demo_login(demo):
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="futingting").is_superuser
