"""Reopening a closed case counts against its lead's capacity (at most `capacity` open
cases), as offering and accepting do: a full lead is refused, a supervisor of the
community may overload them and is warned. The lead's row is locked as accept()
locks it, so simultaneous reopens cannot both take the last place."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse

from linli.accounts.scope import Scope
from linli.cases import casework
from linli.cases.casework import CaseworkError
from linli.cases.choices import CaseStatus, EventKind, NeedStatus, Outcome
from linli.cases.models import Case, CaseEvent, CaseNote
from tests.cases.case_factory import open_case
from tests.test_accounts_concurrency import simultaneously

REASON = "居民又打来电话，说晚上还是睡不着"


def closed_case(world, people):
    case = open_case(world, people)
    casework.close(Scope(people.social_worker.user), case, Outcome.STABLE, "情绪稳定")
    return case


def fill(world, people, spare=0):
    """Give the lead (the social worker) open cases up to `spare` places below capacity."""
    lead = people.social_worker
    lead.capacity = 2 + spare
    lead.save(update_fields=["capacity"])
    return [open_case(world, people) for _ in range(2)]


def open_count(lead):
    return Case.objects.open().filter(lead=lead).count()


def assert_still_closed(case):
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.need.status == NeedStatus.CLOSED
    assert not CaseNote.objects.filter(case=case).exists()
    assert not CaseEvent.objects.filter(need=case.need, kind=EventKind.REOPENED).exists()


def test_a_lead_with_a_free_place_reopens_their_case(world, people):
    case = closed_case(world, people)
    fill(world, people, spare=1)
    reopened = casework.reopen(Scope(people.social_worker.user), case, REASON)
    assert reopened.status == CaseStatus.OPEN and not reopened.overloaded
    assert open_count(people.social_worker) == 3


def test_a_full_lead_cannot_reopen_and_is_told_why(world, people):
    case = closed_case(world, people)
    fill(world, people)
    with pytest.raises(CaseworkError) as refused:
        casework.reopen(Scope(people.social_worker.user), case, REASON)
    assert "社工小李 的个案已满（最多 2 个）" in refused.value.message
    assert_still_closed(case)


@pytest.mark.parametrize("who", ["supervisor", "superuser"])
def test_a_supervisor_reopens_for_a_full_lead_who_is_then_over_capacity(world, people, who):
    case = closed_case(world, people)
    fill(world, people)
    user = people.supervisor.user if who == "supervisor" else world.users["superuser"]
    reopened = casework.reopen(Scope(user), case, REASON)
    assert reopened.status == CaseStatus.OPEN and reopened.overloaded
    assert open_count(people.social_worker) == 3


def test_a_supervisor_reopening_within_capacity_is_not_warned(world, people):
    case = closed_case(world, people)
    fill(world, people, spare=1)
    assert not casework.reopen(Scope(people.supervisor.user), case, REASON).overloaded


def test_a_supervisor_of_another_community_cannot_overload_the_lead(world, people):
    case = closed_case(world, people)
    fill(world, people)
    people.outsider.is_supervisor = True
    people.outsider.save(update_fields=["is_supervisor"])
    with pytest.raises(PermissionDenied):
        casework.reopen(Scope(people.outsider.user), case, REASON)
    assert_still_closed(case)


def test_reopening_a_case_already_open_asks_nothing_of_a_full_lead(world, people):
    case, _other = fill(world, people)
    again = casework.reopen(Scope(people.social_worker.user), case, REASON)
    assert again.status == CaseStatus.OPEN and not again.overloaded
    assert open_count(people.social_worker) == 2


# The page: the refusal keeps what was typed; the supervisor's warning.


def reopen_page(client, user, case, reason=REASON):
    client.force_login(user)
    return client.post(reverse("cases:case_reopen", args=[case.pk]), {"reopen-reason": reason})


def test_the_page_refuses_a_full_lead_and_keeps_the_reason_typed(client, world, people):
    case = closed_case(world, people)
    fill(world, people)
    response = reopen_page(client, people.social_worker.user, case)
    assert response.status_code == 400
    assert "的个案已满（最多 2 个），不能重新开案" in response.text
    assert REASON in response.text  # still in the reopen form's text box
    assert response.context["failed"] == "reopen"
    assert_still_closed(case)


def test_the_page_reopens_for_a_lead_with_a_free_place_without_a_warning(client, world, people):
    case = closed_case(world, people)
    fill(world, people, spare=1)
    response = reopen_page(client, people.social_worker.user, case)
    assert response.status_code == 302
    told = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert told == [("success", "已重新开案")]


def test_the_page_warns_a_supervisor_who_overloads_the_lead(client, world, people):
    case = closed_case(world, people)
    fill(world, people)
    response = reopen_page(client, people.supervisor.user, case)
    assert response.status_code == 302
    told = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert told[0][0] == "warning" and "社工小李 的个案已超过上限（最多 2 个）" in told[0][1]
    assert told[1] == ("success", "已重新开案")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


# Two reopens at once (threads with their own connections; needs a database server).


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database server")
def test_simultaneous_reopens_by_the_lead_take_the_last_place_once(world, people):
    closed = [closed_case(world, people) for _ in range(4)]
    fill(world, people, spare=1)
    scope_user = people.social_worker.user

    results = simultaneously(lambda i: casework.reopen(Scope(scope_user), closed[i], REASON), n=4)

    unexpected = [r for r in results if not isinstance(r, Case | CaseworkError)]
    assert unexpected == []
    assert sum(isinstance(r, Case) for r in results) == 1
    assert sum(isinstance(r, CaseworkError) for r in results) == 3
    assert open_count(people.social_worker) == 3
    assert CaseEvent.objects.filter(kind=EventKind.REOPENED).count() == 1
