"""The need text's read rule as SQL (`Need.objects.with_text_readable_by`): both sides
of each of its lines through the annotation, and the API list judging every row in
its own query, so a professional's list costs the same for 5 needs as for 50."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.accounts.scope import Scope
from linli.cases import access
from linli.cases.choices import AssignmentStatus, Priority
from linli.cases.models import Assignment, Case, Need, Participant
from tests.api.conftest import bearer
from tests.cases import conftest as cases_fixtures
from tests.cases.case_factory import make_need

pytestmark = pytest.mark.django_db

people = cases_fixtures.people


def readable(user, need) -> bool:
    """The annotation's answer, checked against may_read_text (which asks it too)."""
    scope = Scope(user)
    marked = Need.objects.with_text_readable_by(scope).get(pk=need.pk).text_readable
    assert access.may_read_text(scope, need) is marked
    return marked


def offered(world, people, status=AssignmentStatus.OFFERED, **need_fields):
    need = make_need(world, **need_fields)
    Assignment.objects.create(need=need, professional=people.psychologist, status=status)
    return need


def in_group_of(world, people, member, **need_fields):
    """A case led by the social worker, `member` in its small group."""
    need = make_need(world, **need_fields)
    case = Case.objects.create(need=need, lead=people.social_worker)
    Participant.objects.create(case=case, user=member.user, name=member.name, role="组员")
    return need


# Professionals: consent (or a crisis), and a live offer or a place in the small group.


@pytest.mark.parametrize("consent, reads", [(True, True), (False, False)])
def test_an_offered_professional_reads_the_text_only_with_consent(world, people, consent, reads):
    need = offered(world, people, consent=consent, priority=Priority.P3)
    assert readable(people.psychologist.user, need) is reads


@pytest.mark.parametrize("priority, reads", [(Priority.P1, True), (Priority.P2, False)])
def test_without_consent_only_a_crisis_is_read_by_the_professional_offered_it(
    world, people, priority, reads
):
    need = offered(world, people, consent=False, priority=priority)
    assert readable(people.psychologist.user, need) is reads


@pytest.mark.parametrize(
    "status, reads",
    [
        (AssignmentStatus.OFFERED, True),
        (AssignmentStatus.ACCEPTED, True),
        (AssignmentStatus.DECLINED, False),
        (AssignmentStatus.REFERRED, False),
    ],
)
def test_only_a_live_offer_lets_the_professional_read(world, people, status, reads):
    need = offered(world, people, status=status, consent=True)
    assert readable(people.psychologist.user, need) is reads


def test_a_crisis_is_read_only_by_the_professional_it_was_offered_to(world, people):
    need = offered(world, people, consent=False, priority=Priority.P1)
    assert readable(people.psychologist.user, need)
    assert not readable(people.doctor.user, need)


def test_a_professional_in_the_small_group_reads_a_consented_need_and_others_do_not(world, people):
    need = in_group_of(world, people, people.doctor, consent=True)
    assert readable(people.doctor.user, need)
    assert not readable(people.psychologist.user, need)


def test_the_small_group_does_not_lift_the_missing_consent(world, people):
    need = in_group_of(world, people, people.doctor, consent=False, priority=Priority.P3)
    assert not readable(people.doctor.user, need)


def test_a_professional_no_longer_active_reads_nothing_offered(world, people):
    need = offered(world, people, consent=True)
    people.psychologist.active = False
    people.psychologist.save(update_fields=["active"])
    assert not readable(people.psychologist.user, need)


# Whoever entered it; community staff and supervisors of its community.


def test_a_captain_reads_what_they_entered_and_not_what_others_entered(world):
    own = make_need(world, entered_by=world.users["captain3"])
    other = make_need(world)
    assert readable(world.users["captain3"], own)
    assert not readable(world.users["captain3"], other)


@pytest.mark.parametrize(
    "who, reads",
    [("staff", True), ("other_staff", False), ("superuser", True), ("area_leader", False)],
)
def test_staff_read_the_needs_of_their_own_community_only(world, who, reads):
    need = make_need(world, consent=True)
    assert readable(world.users[who], need) is reads


def test_a_supervisor_reads_in_their_community_and_not_in_another(world, people):
    need = make_need(world)
    assert readable(people.supervisor.user, need)
    people.outsider.is_supervisor = True
    people.outsider.save(update_fields=["is_supervisor"])
    assert not readable(people.outsider.user, need)


def test_nobody_signed_out_reads_a_need_nobody_signed(world):
    need = make_need(world, entered_by=None)
    assert not readable(AnonymousUser(), need)


# The API list: each row judged in the list's own query.


def make_needs(world, people, n, start=0):
    """Needs the psychologist sees, a third of each kind: offered with consent (read),
    offered without (status only), in a small group with consent (read). All crises in
    their text, so the list's `crisis` shows who may read it."""
    for i in range(start, start + n):
        if i % 3 == 2:
            in_group_of(world, people, people.psychologist, consent=True, crisis=True)
        else:
            offered(world, people, consent=i % 3 == 0, crisis=True, priority=Priority.P3)


def list_for(client, headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/needs", {"status": "all"}, headers=headers)
    assert response.status_code == 200, response.content
    return response.json()["items"], len(queries)


def test_a_professionals_list_costs_the_same_queries_for_5_needs_as_for_50(client, world, people):
    headers = bearer(people.psychologist.user)
    list_for(client, headers)  # the token's first use is written down once
    make_needs(world, people, 5)
    items5, queries5 = list_for(client, headers)
    make_needs(world, people, 45, start=5)
    items50, queries50 = list_for(client, headers)
    assert (len(items5), len(items50)) == (5, 50)
    assert queries5 == queries50


def test_the_list_shows_the_crisis_flag_exactly_to_those_who_may_read_each_need(
    client, world, people
):
    make_needs(world, people, 6)
    items, _queries = list_for(client, bearer(people.psychologist.user))
    scope = Scope(people.psychologist.user)
    for item in items:
        need = Need.objects.get(pk=item["id"])
        assert item["crisis"] == (True if access.may_read_text(scope, need) else None)
    assert sorted(item["crisis"] is None for item in items) == [False] * 4 + [True] * 2
