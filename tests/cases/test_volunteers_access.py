"""The board's confidentiality lines, each from both sides: a volunteer sees where
and what, never why; staff run only their own community's board; a resident, a
captain and a volunteer of another community see none of it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.audit.models import Action, AuditEntry
from linli.cases import tasks
from linli.cases.choices import Category, Channel, Profession, TaskKind, TaskStatus
from linli.cases.models import Case, CaseNote, Need, Volunteer, VolunteerTask
from linli.community.choices import Tag
from linli.community.models import ResidentTag
from linli.front.views import home_kind
from linli.gate.choices import PlaceKind
from linli.gate.models import Place
from tests.conftest import make_user

NEED_TEXT = "老人胰岛素快用完了，最近心情很差，说活着没意思"
NOTE_TEXT = "心理评估：有抑郁倾向，需每日随访"


@pytest.fixture
def need(world, people):
    need = Need.objects.create(
        household=world.household5, category=Category.MEDICINE, channel=Channel.PHONE,
        text=NEED_TEXT, consent=True, due_at=timezone.now(), entered_by=world.users["staff"],
    )  # fmt: skip
    case = Case.objects.create(need=need, lead=people.psychologist)
    CaseNote.objects.create(case=case, author=world.users["psychologist"], text=NOTE_TEXT)
    return need


@pytest.fixture
def board(world, need):
    """A task from the need, a visit to 黄彬's home, and a task of the other community."""
    from_need, _created = tasks.need_task(need, by=world.users["staff"])
    visit = tasks.create(world.community, TaskKind.VISIT, "上门探访", household=world.household3)
    other = tasks.create(world.other_community, TaskKind.VISIT, "宝通寺的探访")
    return {"need": from_need, "visit": visit, "other": other}


@pytest.fixture
def outsider_volunteer(world):
    user = make_user("vol_other", "volunteer", community=world.other_community)
    return Volunteer.objects.create(user=user, name="外社区志愿者", community=world.other_community)


def page(client, user, name="cases:board", *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


def test_a_volunteer_sees_address_and_title_but_never_the_needs_words(client, world, people, board):
    response = page(client, world.users["volunteer"])
    assert response.status_code == 200
    assert "代买送上门" in response.text and "5栋1单元101" in response.text
    assert "上门探访" in response.text and "3栋1单元201" in response.text
    for secret in ("胰岛素", "心情", "活着没意思", "抑郁", "独居"):
        assert secret not in response.text
    assert "宝通寺的探访" not in response.text


def test_staff_see_the_whole_board_of_their_community_only(client, world, people, board):
    response = page(client, world.users["staff"])
    assert response.status_code == 200
    assert "代买送上门" in response.text and "上门探访" in response.text
    assert "宝通寺的探访" not in response.text
    response = page(client, world.users["other_staff"])
    assert "宝通寺的探访" in response.text and "上门探访" not in response.text


def test_a_volunteer_of_another_community_sees_none_of_these_tasks(
    client, world, outsider_volunteer, board
):
    response = page(client, outsider_volunteer.user)
    assert "宝通寺的探访" in response.text
    assert "上门探访" not in response.text and "代买送上门" not in response.text
    claim = client.post(reverse("cases:task_claim", args=[board["visit"].pk]))
    assert claim.status_code == 404
    assert VolunteerTask.objects.get(pk=board["visit"].pk).status == TaskStatus.OPEN


@pytest.mark.parametrize("role", ["resident", "captain3", "area_leader", "doctor", "property"])
def test_people_without_a_part_in_the_board_get_404(client, world, people, board, role):
    assert page(client, world.users[role]).status_code == 404
    client.force_login(world.users[role])
    assert client.post(reverse("cases:task_claim", args=[board["visit"].pk])).status_code == 404


def test_a_volunteer_role_without_a_volunteer_profile_has_no_board(client, world):
    assert page(client, world.users["volunteer"]).status_code == 404


def test_a_volunteer_gets_404_on_need_case_and_health_pages_and_the_phone_reveal(
    client, world, people, need
):
    volunteer = world.users["volunteer"]
    assert page(client, volunteer).status_code == 200  # the board itself is theirs
    for name, args in (
        ("cases:need", [need.pk]),
        ("cases:case", [need.case.pk]),
        ("health:person", [world.resident5.pk]),
        ("health:sheet", [world.building5.pk]),
        ("community:resident", [world.resident5.pk]),
    ):
        response = page(client, volunteer, name, *args)
        assert response.status_code == 404, name
        assert NEED_TEXT not in response.text and NOTE_TEXT not in response.text
    reveal = client.post(reverse("community:reveal", args=[world.resident5.pk, "phone"]))
    assert reveal.status_code == 404 and "13900000005" not in reveal.text


def test_the_same_pages_open_for_staff_and_the_lead_so_the_404s_above_are_real(
    client, world, people, need
):
    assert page(client, world.users["staff"], "cases:need", need.pk).status_code == 200
    assert (
        page(client, world.users["staff"], "health:person", world.resident5.pk).status_code == 200
    )
    assert page(client, world.users["psychologist"], "cases:case", need.case.pk).status_code == 200


def test_staff_of_another_community_cannot_assign_cancel_or_task_this_communitys_work(
    client, world, people, board, need
):
    client.force_login(world.users["other_staff"])
    visit = board["visit"]
    volunteer = {"volunteer": people.volunteer.pk}
    assert client.post(reverse("cases:task_assign", args=[visit.pk]), volunteer).status_code == 404
    assert client.post(reverse("cases:task_cancel", args=[visit.pk])).status_code == 404
    assert client.post(reverse("cases:need_task", args=[need.pk])).status_code == 404
    lift = Place.objects.create(community=world.community, kind=PlaceKind.LIFT, name="3栋电梯")
    assert client.post(reverse("cases:place_task", args=[lift.pk])).status_code == 404
    assert VolunteerTask.objects.get(pk=visit.pk).status == TaskStatus.OPEN
    assert not VolunteerTask.objects.filter(kind=TaskKind.DISINFECTION).exists()


def test_staff_assign_and_cancel_on_their_own_board(client, world, people, board):
    client.force_login(world.users["staff"])
    visit = board["visit"]
    client.post(reverse("cases:task_assign", args=[visit.pk]), {"volunteer": people.volunteer.pk})
    visit.refresh_from_db()
    assert visit.status == TaskStatus.CLAIMED and visit.volunteer == people.volunteer
    client.post(reverse("cases:task_cancel", args=[visit.pk]))
    assert VolunteerTask.objects.get(pk=visit.pk).status == TaskStatus.CANCELLED


def test_staff_cannot_assign_to_a_volunteer_of_another_community(
    client, world, board, outsider_volunteer
):
    client.force_login(world.users["staff"])
    url = reverse("cases:task_assign", args=[board["visit"].pk])
    response = client.post(url, {"volunteer": outsider_volunteer.pk}, follow=True)
    assert "只能派给本社区在岗的志愿者" in response.text
    assert VolunteerTask.objects.get(pk=board["visit"].pk).volunteer is None


def test_volunteers_may_not_run_the_board_as_staff(client, world, people, board):
    client.force_login(world.users["volunteer"])
    visit = board["visit"]
    volunteer = {"volunteer": people.volunteer.pk}
    assert client.post(reverse("cases:task_assign", args=[visit.pk]), volunteer).status_code == 404
    assert client.post(reverse("cases:task_cancel", args=[visit.pk])).status_code == 404
    assert client.get(reverse("cases:task_new")).status_code == 404
    assert client.get(reverse("cases:volunteers")).status_code == 404


def test_only_the_holder_of_a_check_call_sees_the_number_and_the_look_is_logged(
    client, world, people
):
    ResidentTag.objects.get_or_create(resident=world.resident5, tag=Tag.ELDERLY_ALONE)
    tasks.create_check_calls(timezone.localdate())
    call = VolunteerTask.objects.get(kind=TaskKind.CHECK_CALL)
    url = reverse("cases:task_call", args=[call.pk])
    client.force_login(world.users["volunteer"])
    board_page = client.get(reverse("cases:board")).text
    assert "13900000005" not in board_page and "王秀英" not in board_page
    assert client.post(url).status_code == 404  # not claimed yet
    tasks.claim(call, people.volunteer)
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'href="tel:13900000005"' in response.text
    assert AuditEntry.objects.filter(
        action=Action.VIEW_PHONE, resident_id=world.resident5.pk, user=world.users["volunteer"]
    ).exists()


def test_a_volunteer_with_a_profile_starts_on_the_board(client, world, people):
    from linli.accounts.scope import Scope

    assert home_kind(Scope(world.users["volunteer"])) == "board"
    client.force_login(world.users["volunteer"])
    response = client.get(reverse("front:home"))
    assert response.status_code == 302 and response["Location"] == reverse("cases:board")
    people.volunteer.active = False
    people.volunteer.save()
    assert home_kind(Scope(world.users["volunteer"])) == "waiting"


def test_a_professional_is_not_sent_to_the_board(world, people):
    from linli.accounts.scope import Scope

    assert people.doctor.profession == Profession.DOCTOR
    assert home_kind(Scope(world.users["doctor"])) != "board"
