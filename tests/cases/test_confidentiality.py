"""Both sides of every confidentiality line of linli/cases/access.py.

The case below is on 黄彬's household (building 3): its lead is the social
worker, the psychologist and the doctor are in its small group, and it holds one
note of each sensitivity. Each page is read the way its reader gets it, and the
note texts are looked for in the HTML itself.
"""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from linli.accounts.choices import Role
from linli.accounts.scope import Scope
from linli.audit.models import Action, AuditEntry
from linli.cases import access, casework
from linli.cases.choices import AssignmentStatus, Priority, Sensitivity
from linli.cases.models import Assignment, CaseNote, Participant
from tests.cases.case_factory import NEED_TEXT, NOTES, make_need, open_case
from tests.conftest import make_user

ALL = set(NOTES)
GENERAL, MEDICAL, PSYCH = Sensitivity.GENERAL, Sensitivity.MEDICAL, Sensitivity.PSYCHOLOGICAL


@pytest.fixture
def case(world, people):
    return open_case(world, people, small_group=True)


def reader(world, people, who):
    """A user by name: a professional of `people` or a user of the world."""
    pro = getattr(people, who, None)
    if pro is not None and hasattr(pro, "profession"):
        return pro.user
    return world.users[who]


def case_page(client, user, case):
    client.force_login(user)
    return client.get(reverse("cases:case", args=[case.pk]))


@pytest.mark.parametrize(
    "who, seen",
    [
        ("social_worker", ALL),  # the lead
        ("supervisor", ALL),
        ("superuser", ALL),
        ("psychologist", {GENERAL, PSYCH}),
        ("doctor", {GENERAL, MEDICAL}),
    ],
)
def test_each_reader_of_the_case_page_sees_exactly_the_notes_of_their_line(
    client, world, people, case, who, seen
):
    response = case_page(client, reader(world, people, who), case)
    assert response.status_code == 200
    for sensitivity, text in NOTES.items():
        assert (text in response.text) == (sensitivity in seen), sensitivity
    shown = {n.sensitivity for n in response.context["notes"]}
    assert shown == seen


@pytest.mark.parametrize(
    "who",
    [
        "staff",
        "other_staff",
        "area_leader",
        "captain3",
        "captain5",
        "resident",
        "resident5",
        "volunteer",
        "property",
        "viewer",
        "nobody",
    ],
)
def test_nobody_else_finds_the_case_page(client, world, people, case, who):
    response = case_page(client, world.users[who], case)
    assert response.status_code == 404
    assert not any(text in response.text for text in NOTES.values())


def test_a_supervisor_of_another_community_does_not_find_the_case(client, world, people, case):
    people.outsider.is_supervisor = True
    people.outsider.save()
    assert case_page(client, people.outsider.user, case).status_code == 404
    assert not access.may_work(Scope(people.outsider.user), case)
    assert not access.visible_notes(Scope(people.outsider.user), case).exists()


def test_the_supervisor_of_the_community_works_the_case(world, people, case):
    scope = Scope(people.supervisor.user)
    assert access.may_work(scope, case)
    assert set(access.visible_notes(scope, case).values_list("sensitivity", flat=True)) == ALL


def test_a_professional_who_left_the_small_group_no_longer_finds_the_case(
    client, world, people, case
):
    Participant.objects.filter(case=case, user=people.psychologist.user).delete()
    assert case_page(client, people.psychologist.user, case).status_code == 404


def test_a_social_worker_in_the_small_group_sees_the_general_notes_only(world, people, case):
    colleague = make_user("sw2", Role.SOCIAL_WORKER, community=world.community)
    pro = people.social_worker.__class__.objects.create(
        user=colleague, name="社工小周", profession="social_worker"
    )
    Participant.objects.create(case=case, user=colleague, name=pro.name, role="社工")
    notes = access.visible_notes(Scope(colleague), case)
    assert set(notes.values_list("sensitivity", flat=True)) == {GENERAL}


@pytest.mark.parametrize(
    "who", ["staff", "captain3", "volunteer", "resident", "captain5", "area_leader"]
)
def test_no_note_is_visible_to_those_outside_the_professional_line(world, people, case, who):
    assert not access.visible_notes(Scope(world.users[who]), case).exists()


def test_a_captain_in_the_small_group_still_reads_no_note(world, people, case):
    captain = world.users["captain3"]
    Participant.objects.create(case=case, user=captain, name="楼栋长", role="楼栋长")
    assert not access.visible_notes(Scope(captain), case).exists()
    assert not casework.may_open(Scope(captain), case)


# The need: existence and status, then its text.


@pytest.mark.parametrize(
    "who, sees",
    [
        ("staff", True),
        ("captain3", True),
        ("area_leader", True),
        ("social_worker", True),
        ("psychologist", True),  # in the small group
        ("supervisor", True),
        ("other_staff", False),
        ("captain5", False),
        ("resident", False),
        ("resident5", False),
        ("volunteer", False),
        ("outsider", False),
    ],
)
def test_who_sees_that_the_need_exists(world, people, case, who, sees):
    need = case.need
    assert (
        access.visible_needs(Scope(reader(world, people, who))).filter(pk=need.pk).exists() == sees
    )


@pytest.mark.parametrize(
    "who, reads",
    [
        ("staff", True),
        ("supervisor", True),
        ("captain3", False),  # help is under way, not what was said
        ("area_leader", False),
    ],
)
def test_who_reads_the_needs_text(world, people, case, who, reads):
    assert access.may_read_text(Scope(reader(world, people, who)), case.need) == reads


def test_a_captain_reads_the_text_of_a_need_they_entered_themselves(world):
    need = make_need(world, entered_by=world.users["captain3"])
    assert access.may_read_text(Scope(world.users["captain3"]), need)
    assert not access.may_read_text(Scope(world.users["captain5"]), need)


def offered(world, people, **need_fields):
    need = make_need(world, **need_fields)
    Assignment.objects.create(need=need, professional=people.psychologist)
    return need


def test_a_professional_offered_a_need_without_consent_cannot_read_its_text(world, people):
    need = offered(world, people, consent=False, priority=Priority.P3)
    scope = Scope(people.psychologist.user)
    assert access.visible_needs(scope).filter(pk=need.pk).exists()
    assert not access.may_read_text(scope, need)


def test_a_professional_offered_a_consented_need_reads_its_text(world, people):
    need = offered(world, people, consent=True, priority=Priority.P3)
    assert access.may_read_text(Scope(people.psychologist.user), need)


def test_a_crisis_need_is_read_by_the_professional_offered_it_even_without_consent(world, people):
    need = offered(world, people, consent=False, priority=Priority.P1)
    assert access.may_read_text(Scope(people.psychologist.user), need)
    # …but not by a professional it was not offered to.
    assert not access.may_read_text(Scope(people.doctor.user), need)
    assert not access.visible_needs(Scope(people.doctor.user)).filter(pk=need.pk).exists()


def test_a_declined_offer_no_longer_shows_the_need(world, people):
    need = offered(world, people, consent=True)
    Assignment.objects.filter(need=need).update(status=AssignmentStatus.DECLINED)
    scope = Scope(people.psychologist.user)
    assert not access.visible_needs(scope).filter(pk=need.pk).exists()
    assert not access.may_read_text(scope, need)


def test_the_case_page_shows_the_need_text_only_to_those_who_may_read_it(
    client, world, people, case
):
    # Not consented, P3: the lead works the case without the text; the supervisor reads it.
    assert NEED_TEXT not in case_page(client, people.social_worker.user, case).text
    assert NEED_TEXT in case_page(client, people.supervisor.user, case).text
    case.need.consent = True
    case.need.save()
    assert NEED_TEXT in case_page(client, people.social_worker.user, case).text


# What the need page says about the case (cases/_need_case.html).


def need_panel(user, need):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("cases/_need_case.html", {"need": need}, request=request)


@pytest.mark.parametrize("who", ["staff", "captain3"])
def test_staff_and_captains_learn_help_is_under_way_and_nothing_said(world, people, case, who):
    panel = need_panel(world.users[who], case.need)
    assert "已有专业人员跟进（社工）" in panel and "进行中" in panel
    assert reverse("cases:case", args=[case.pk]) not in panel
    assert not any(text in panel for text in NOTES.values())
    assert NEED_TEXT not in panel


@pytest.mark.parametrize("who", ["social_worker", "supervisor", "psychologist"])
def test_those_who_may_open_the_case_get_a_link_to_it(world, people, case, who):
    panel = need_panel(reader(world, people, who), case.need)
    assert reverse("cases:case", args=[case.pk]) in panel
    assert not any(text in panel for text in NOTES.values())


def test_the_need_panel_is_empty_before_a_case_opens(world, people):
    need = make_need(world)
    assert need_panel(world.users["staff"], need).strip() == ""


def test_a_closed_case_shows_as_closed_on_the_need_panel(world, people, case):
    casework.close(Scope(people.social_worker.user), case, "resolved", "已经好了")
    panel = need_panel(world.users["captain3"], case.need)
    assert "已结案" in panel and "已经好了" not in panel


# Pages that list cases, and the trail of readings.


@pytest.mark.parametrize("who", ["staff", "captain3", "volunteer", "resident", "nobody"])
def test_the_case_list_does_not_exist_for_those_without_a_professional_profile(
    client, world, people, case, who
):
    client.force_login(world.users[who])
    response = client.get(reverse("cases:mine"))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["staff", "captain3", "volunteer", "resident", "area_leader"])
def test_no_home_page_shows_a_note(client, world, people, case, who):
    client.force_login(world.users[who])
    response = client.get(reverse("front:home"), follow=True)
    assert not any(text in response.text for text in NOTES.values())


def test_the_case_list_shows_no_note_text(client, world, people, case):
    for who in ("social_worker", "psychologist", "supervisor"):
        client.force_login(reader(world, people, who))
        page = client.get(reverse("cases:mine")).text
        assert reverse("cases:case", args=[case.pk]) in page
        assert not any(text in page for text in NOTES.values())


def test_reading_the_notes_leaves_one_entry_on_the_residents_trail(client, world, people, case):
    case_page(client, people.psychologist.user, case)
    [reading] = AuditEntry.objects.filter(action=Action.VIEW_CASE)
    assert reading.user == people.psychologist.user
    assert reading.resident_id == world.huangbin.pk
    assert reading.object_id == str(case.pk)
    assert not any(text in reading.object_repr for text in NOTES.values())


def test_a_page_without_a_visible_note_leaves_no_entry(client, world, people, case):
    CaseNote.objects.filter(case=case).exclude(sensitivity=MEDICAL).delete()
    assert case_page(client, people.psychologist.user, case).status_code == 200
    assert not AuditEntry.objects.filter(action=Action.VIEW_CASE).exists()
    case_page(client, people.doctor.user, case)
    assert AuditEntry.objects.filter(action=Action.VIEW_CASE).count() == 1


def test_a_participant_professional_cannot_write_to_the_case(client, world, people, case):
    client.force_login(people.psychologist.user)
    url = reverse("cases:case_note", args=[case.pk])
    response = client.post(url, {"note-text": "我也写一条", "note-sensitivity": GENERAL})
    assert response.status_code == 403
    assert not CaseNote.objects.filter(text="我也写一条").exists()


@pytest.mark.parametrize("who", ["staff", "captain3", "resident"])
def test_writing_to_a_case_out_of_reach_is_not_found(client, world, people, case, who):
    client.force_login(world.users[who])
    for name in ("case_note", "case_close", "case_plan", "case_reopen"):
        response = client.post(reverse(f"cases:{name}", args=[case.pk]), {})
        assert response.status_code == 404, name


@pytest.mark.parametrize("who", ["staff", "captain3", "area_leader"])
def test_the_need_page_says_help_is_under_way_and_shows_no_note(client, world, people, case, who):
    client.force_login(world.users[who])
    response = client.get(reverse("cases:need", args=[case.need.pk]))
    assert response.status_code == 200
    assert "已有专业人员跟进（社工）" in response.text
    assert not any(text in response.text for text in NOTES.values())
    assert reverse("cases:case", args=[case.pk]) not in response.text


def test_the_captain_sees_the_needs_status_but_not_its_text(client, world, people, case):
    client.force_login(world.users["captain3"])
    response = client.get(reverse("cases:need", args=[case.need.pk]))
    assert NEED_TEXT not in response.text and "13900000003" not in response.text


@pytest.mark.parametrize("who", ["captain5", "volunteer", "other_staff", "resident"])
def test_the_need_page_is_not_found_for_those_outside_it(client, world, people, case, who):
    client.force_login(world.users[who])
    response = client.get(reverse("cases:need", args=[case.need.pk]))
    assert response.status_code == 404


def test_the_lead_finds_the_case_from_the_need_page(client, world, people, case):
    client.force_login(people.social_worker.user)
    response = client.get(reverse("cases:need", args=[case.need.pk]))
    assert reverse("cases:case", args=[case.pk]) in response.text
    assert not any(text in response.text for text in NOTES.values())
