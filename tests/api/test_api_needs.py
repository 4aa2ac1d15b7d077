"""The needs endpoints: both sides of each confidentiality line of cases/access.py,
and asking for help (own household, on behalf, idempotency, bad input)."""

import typing

import pytest

from linli.api.needs import STATUS_FILTERS, StatusFilter
from linli.audit.models import Action, AuditEntry
from linli.cases.assign import offer
from linli.cases.choices import AssignmentStatus, Channel, NeedStatus, Priority
from linli.cases.models import Assignment, CaseEvent, Need
from tests.api.conftest import bearer
from tests.cases import conftest as cases_fixtures
from tests.cases.case_factory import NEED_TEXT, make_need

pytestmark = pytest.mark.django_db

people = cases_fixtures.people


@pytest.fixture
def api(client):
    def call(user, method, path, body=None, **headers):
        headers = {**(bearer(user) if user else {}), **headers}
        if method == "get":
            return client.get(f"/api/{path}", body or {}, headers=headers)
        return client.post(
            f"/api/{path}", body or {}, content_type="application/json", headers=headers
        )

    return call


@pytest.fixture
def need(world):
    # A need of 黄彬's household (building 3), entered by staff, without consent.
    return make_need(world)


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


# --- reading ----------------------------------------------------------------------------


def test_staff_list_and_read_the_text_of_their_communitys_needs(api, world, need):
    assert ids(api(world.users["staff"], "get", "needs")) == [need.pk]
    body = api(world.users["staff"], "get", f"needs/{need.pk}").json()
    assert body["text"] == NEED_TEXT
    assert body["contact_phone"] == "13900000003"
    assert body["address"] == "3栋1单元201"


def test_the_list_never_carries_the_text(api, world, need):
    item = api(world.users["staff"], "get", "needs").json()["items"][0]
    assert "text" not in item and "contact_phone" not in item


def test_a_captain_sees_the_status_of_a_need_in_their_building_but_not_its_text(api, world, need):
    assert ids(api(world.users["captain3"], "get", "needs")) == [need.pk]
    body = api(world.users["captain3"], "get", f"needs/{need.pk}").json()
    assert body["status"] == "new" and body["status_label"] == "待分派"
    assert body["text"] is None and body["contact_phone"] is None and body["reasons"] is None
    assert body["contact_name"] is None and body["resident_id"] is None


def test_a_captain_reads_the_text_of_a_need_they_entered(api, world):
    own = make_need(world, entered_by=world.users["captain3"])
    assert api(world.users["captain3"], "get", f"needs/{own.pk}").json()["text"] == NEED_TEXT


def test_the_captain_of_another_building_gets_404(api, world, need):
    assert ids(api(world.users["captain5"], "get", "needs")) == []
    assert api(world.users["captain5"], "get", f"needs/{need.pk}").status_code == 404


@pytest.mark.parametrize("role", ["other_staff", "volunteer", "nobody", "property", "resident5"])
def test_outsiders_get_404(api, world, need, role):
    assert ids(api(world.users[role], "get", "needs")) == []
    response = api(world.users[role], "get", f"needs/{need.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_professional_sees_nothing_until_the_need_is_offered(api, world, people):
    consented = make_need(world, consent=True)
    psychologist = world.users["psychologist"]
    assert ids(api(psychologist, "get", "needs")) == []
    assert api(psychologist, "get", f"needs/{consented.pk}").status_code == 404
    offer(consented, people.psychologist, by=people.supervisor.user)
    assert ids(api(psychologist, "get", "needs")) == [consented.pk]


def test_a_professional_offered_a_need_without_consent_sees_its_status_not_its_words(
    api, world, people, need
):
    # The resident withdrew consent after the offer (offer() itself refuses it).
    Assignment.objects.create(
        need=need, professional=people.psychologist, status=AssignmentStatus.OFFERED,
        assigned_by=people.supervisor.user,
    )  # fmt: skip
    body = api(world.users["psychologist"], "get", f"needs/{need.pk}").json()
    assert body["status"] == "new" and body["text"] is None


def test_a_professional_reads_an_offered_need_with_consent(api, world, people):
    consented = make_need(world, consent=True)
    offer(consented, people.psychologist, by=people.supervisor.user)
    body = api(world.users["psychologist"], "get", f"needs/{consented.pk}").json()
    assert body["text"] == NEED_TEXT


def test_a_professional_reads_an_offered_crisis_without_consent(api, world, people):
    crisis = make_need(world, priority=Priority.P1, crisis=True)
    offer(crisis, people.psychologist, by=people.supervisor.user)
    assert api(world.users["psychologist"], "get", f"needs/{crisis.pk}").json()["text"]


def test_a_professional_the_need_was_not_offered_to_gets_404(api, world, people):
    consented = make_need(world, consent=True)
    offer(consented, people.psychologist, by=people.supervisor.user)
    assert api(world.users["doctor"], "get", f"needs/{consented.pk}").status_code == 404


def test_each_reading_of_the_text_is_on_the_audit_trail_but_not_a_status_look(api, world):
    need = make_need(world, entered_by=world.users["superuser"])
    api(world.users["captain3"], "get", f"needs/{need.pk}")
    assert not AuditEntry.objects.filter(action=Action.VIEW_HEALTH).exists()
    api(world.users["staff"], "get", f"needs/{need.pk}")
    entry = AuditEntry.objects.get(action=Action.VIEW_HEALTH)
    assert entry.user == world.users["staff"] and entry.object_id == str(need.pk)


def test_the_list_filters_by_status_and_priority(api, world, need):
    urgent = make_need(world, priority=Priority.P1, crisis=True)
    closed = make_need(world, status=NeedStatus.CLOSED)
    staff = world.users["staff"]
    assert ids(api(staff, "get", "needs")) == [urgent.pk, need.pk]
    assert ids(api(staff, "get", "needs", {"priority": 1})) == [urgent.pk]
    assert ids(api(staff, "get", "needs", {"status": "closed"})) == [closed.pk]
    assert set(ids(api(staff, "get", "needs", {"status": "all"}))) == {
        need.pk,
        urgent.pk,
        closed.pk,
    }
    assert api(staff, "get", "needs", {"status": "maybe"}).status_code == 422
    assert api(staff, "get", "needs", {"priority": 5}).status_code == 422


def test_the_status_filter_of_the_schema_is_the_one_the_list_applies():
    assert set(typing.get_args(StatusFilter)) == set(STATUS_FILTERS)


def test_anonymous_callers_get_401(api, need):
    assert api(None, "get", "needs").status_code == 401
    assert api(None, "post", "needs", {"text": "帮帮我"}).status_code == 401


# --- asking for help --------------------------------------------------------------------


def test_a_resident_asks_for_their_own_household_and_triage_runs(api, world):
    response = api(world.users["resident"], "post", "needs", {"text": "家里没有药了，高血压的药"})
    assert response.status_code == 201, response.content
    need = Need.objects.get()
    assert need.household == world.household3
    assert need.channel == Channel.RESIDENT and need.entered_by == world.users["resident"]
    assert need.category == "medicine"  # triage picked it from the words
    assert CaseEvent.objects.filter(need=need).count() == 1
    assert response.json()["text"] == "家里没有药了，高血压的药"


def test_a_crisis_is_p1(api, world):
    response = api(world.users["resident"], "post", "needs", {"text": "我不想活了"})
    assert response.json()["priority"] == 1 and response.json()["crisis"] is True


def test_a_resident_cannot_ask_for_another_household(api, world):
    body = {"household": world.household5.pk, "text": "帮忙"}
    assert api(world.users["resident"], "post", "needs", body).status_code == 404
    assert not Need.objects.exists()


def test_staff_ask_on_behalf_of_a_household_of_their_community(api, world):
    body = {
        "household": world.household5.pk,
        "resident_id": world.resident5.pk,
        "category": "elder_care",
        "text": "老人一个人在家，没人做饭",
        "contact_phone": "139 0000 0005",
        "consent": True,
    }
    response = api(world.users["staff"], "post", "needs", body)
    assert response.status_code == 201, response.content
    need = Need.objects.get()
    assert need.channel == Channel.PHONE and need.resident == world.resident5
    assert need.contact_phone == "13900000005" and need.consent
    assert need.entered_by == world.users["staff"]


def test_a_captain_asks_for_their_building_but_not_another(api, world):
    captain = world.users["captain3"]
    mine = api(captain, "post", "needs", {"household": world.household3.pk, "text": "买药"})
    assert mine.status_code == 201
    theirs = api(captain, "post", "needs", {"household": world.household5.pk, "text": "买药"})
    assert theirs.status_code == 404
    assert Need.objects.count() == 1


def test_staff_of_another_community_get_404(api, world):
    body = {"household": world.household3.pk, "text": "买药"}
    assert api(world.users["other_staff"], "post", "needs", body).status_code == 404


def test_a_professional_does_not_register_needs(api, world, people):
    body = {"household": world.household3.pk, "text": "买药"}
    assert api(world.users["psychologist"], "post", "needs", body).status_code == 404


def test_without_a_household_someone_with_no_home_is_told_to_name_one(api, world):
    response = api(world.users["staff"], "post", "needs", {"text": "买药"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][-1] == "household"


def test_a_resident_of_another_household_is_refused(api, world):
    body = {"resident_id": world.resident5.pk, "text": "买药"}
    response = api(world.users["resident"], "post", "needs", body)
    assert response.status_code == 422
    assert not Need.objects.exists()


def test_a_bad_phone_is_a_clear_422(api, world):
    response = api(world.users["resident"], "post", "needs", {"contact_phone": "12345"})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][-1] == "contact_phone"


def test_an_unknown_category_is_a_422(api, world):
    response = api(world.users["resident"], "post", "needs", {"category": "pizza"})
    assert response.status_code == 422


def test_the_same_idempotency_key_makes_one_need(api, world):
    body = {"text": "家里没有药了"}
    first = api(world.users["resident"], "post", "needs", body, **{"Idempotency-Key": "k-1"})
    again = api(world.users["resident"], "post", "needs", body, **{"Idempotency-Key": "k-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Need.objects.count() == 1
    other = api(world.users["resident"], "post", "needs", body, **{"Idempotency-Key": "k-2"})
    assert other.status_code == 201 and Need.objects.count() == 2


def test_the_same_key_from_another_user_is_their_own(api, world):
    headers = {"Idempotency-Key": "same"}
    api(world.users["resident"], "post", "needs", {"text": "买药"}, **headers)
    body = {"household": world.household3.pk, "text": "买药"}
    response = api(world.users["captain3"], "post", "needs", body, **headers)
    assert response.status_code == 201
    assert Need.objects.count() == 2


def test_without_a_key_each_post_is_a_need(api, world):
    api(world.users["resident"], "post", "needs", {"text": "买药"})
    api(world.users["resident"], "post", "needs", {"text": "买药"})
    assert Need.objects.count() == 2


def test_a_bad_idempotency_key_is_a_422(api, world):
    response = api(world.users["resident"], "post", "needs", {}, **{"Idempotency-Key": "x" * 101})
    assert response.status_code == 422
    assert not Need.objects.exists()


def test_a_captain_is_not_told_that_a_need_is_a_crisis(api, world):
    # The flag says what was said (想死, 昏迷), as the reasons do: readers of the text only.
    crisis = make_need(world, priority=Priority.P1, crisis=True)
    captain, staff = world.users["captain3"], world.users["staff"]
    assert api(captain, "get", f"needs/{crisis.pk}").json()["crisis"] is None
    assert api(captain, "get", "needs").json()["items"][0]["crisis"] is None
    assert api(staff, "get", f"needs/{crisis.pk}").json()["crisis"] is True
    assert api(staff, "get", "needs").json()["items"][0]["crisis"] is True
    own = make_need(world, priority=Priority.P1, crisis=True, entered_by=captain)
    assert api(captain, "get", f"needs/{own.pk}").json()["crisis"] is True


@pytest.mark.parametrize("body", [{}, {"text": "   "}, {"contact_name": "黄彬"}])
def test_a_need_with_neither_words_nor_a_category_is_a_422(api, world, body):
    # The page asks for one of the category buttons; a blank call is not a need.
    response = api(world.users["resident"], "post", "needs", body)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"][-1] == "text"
    assert not Need.objects.exists()


def test_a_category_alone_is_a_need(api, world):
    response = api(world.users["resident"], "post", "needs", {"category": "medicine"})
    assert response.status_code == 201, response.content
