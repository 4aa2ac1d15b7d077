"""The board's pages: claim, complete with minutes, release, and staff creating
tasks, turning an overdue place into a task and a need into a task."""

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.cases import tasks
from linli.cases.choices import Category, Channel, Skill, TaskKind, TaskStatus
from linli.cases.models import Need, Volunteer, VolunteerTask
from linli.gate.choices import PlaceKind
from linli.gate.models import Place
from tests.conftest import make_user

BOARD = reverse("cases:board")


@pytest.fixture
def visit(world):
    return tasks.create(world.community, TaskKind.VISIT, "上门探访", household=world.household3)


def as_volunteer(client, world):
    client.force_login(world.users["volunteer"])
    return client


def test_claim_moves_a_task_to_my_tasks(client, world, people, visit):
    as_volunteer(client, world)
    response = client.post(reverse("cases:task_claim", args=[visit.pk]), follow=True)
    assert "已认领：上门探访" in response.text
    assert list(response.context["mine"]) == [visit]
    assert response.context["days"] == []


def test_the_loser_of_a_claim_gets_a_clear_message(client, world, people, visit):
    user = make_user("vol2", "volunteer", community=world.community)
    other = Volunteer.objects.create(user=user, name="志愿者小刘", community=world.community)
    tasks.claim(visit, other)
    as_volunteer(client, world)
    response = client.post(reverse("cases:task_claim", args=[visit.pk]), follow=True)
    assert "刚被别的志愿者认领了" in response.text
    assert VolunteerTask.objects.get(pk=visit.pk).volunteer == other


def test_completing_asks_for_sane_minutes_and_keeps_the_note(client, world, people, visit):
    tasks.claim(visit, people.volunteer)
    as_volunteer(client, world)
    url = reverse("cases:task_done", args=[visit.pk])
    assert "3栋1单元201" in client.get(url).text
    for minutes, message in (("", "请填写用时"), ("0", "至少 1 分钟"), ("800", "最多 720"),
                             ("半小时", "整数分钟")):  # fmt: skip
        response = client.post(url, {"minutes": minutes, "note": "老人精神不错"})
        assert message in response.text and "老人精神不错" in response.text
        assert VolunteerTask.objects.get(pk=visit.pk).status == TaskStatus.CLAIMED
    response = client.post(url, {"minutes": "３０", "note": "老人精神不错"}, follow=True)
    assert "已完成：上门探访" in response.text
    visit.refresh_from_db()
    assert (visit.status, visit.minutes, visit.done_note) == (TaskStatus.DONE, 30, "老人精神不错")
    assert "本周 0.5 小时" in response.text


def test_someone_elses_task_has_no_completion_page(client, world, people, visit):
    as_volunteer(client, world)
    assert client.get(reverse("cases:task_done", args=[visit.pk])).status_code == 404


def test_release_puts_it_back_on_the_board(client, world, people, visit):
    tasks.claim(visit, people.volunteer)
    as_volunteer(client, world)
    response = client.post(reverse("cases:task_release", args=[visit.pk]), follow=True)
    assert "已放回任务板" in response.text
    assert VolunteerTask.objects.get(pk=visit.pk).status == TaskStatus.OPEN


def test_the_board_groups_open_tasks_by_day_and_filters_by_my_skills(client, world, people):
    today = timezone.localdate()
    tasks.create(world.community, TaskKind.DISINFECTION, "消杀：3栋电梯")
    tasks.create(world.community, TaskKind.DELIVERY, "送物资上门", due_on=today)
    tomorrow = today + timezone.timedelta(days=1)
    tasks.create(world.community, TaskKind.CHECK_CALL, "每日电话问候", due_on=tomorrow)
    as_volunteer(client, world)
    days = client.get(BOARD).context["days"]
    assert [(day, name) for day, name, _late, _tasks in days] == [
        (today, "今天"),
        (tomorrow, "明天"),
    ]
    assert people.volunteer.skills == [Skill.DELIVERY, Skill.BEFRIENDING]
    fit = client.get(BOARD, {"fit": "1"}).context["days"]
    titles = [t.title for _d, _n, _l, day_tasks in fit for t in day_tasks]
    assert titles == ["送物资上门", "每日电话问候"]


def test_staff_create_a_task_for_a_room_and_a_double_tap_makes_one(client, world):
    client.force_login(world.users["staff"])
    url = reverse("cases:task_new")
    page = client.get(url)
    token = page.context["token"]
    data = {"kind": TaskKind.VISIT, "title": "给王奶奶送口罩", "household": "5-1-101",
            "detail": "", "due_on": timezone.localdate().isoformat(), "token": token}  # fmt: skip
    client.post(url, data)
    client.post(url, data)
    task = VolunteerTask.objects.get()
    assert task.household == world.household5 and task.community == world.community
    assert task.detail == tasks.neutral_detail(TaskKind.VISIT)


def test_a_task_for_an_unknown_room_or_a_past_day_is_refused_and_keeps_the_text(client, world):
    client.force_login(world.users["staff"])
    data = {"kind": TaskKind.VISIT, "title": "给王奶奶送口罩", "household": "9-9-909",
            "due_on": "2019-01-01", "token": "abc"}  # fmt: skip
    response = client.post(reverse("cases:task_new"), data)
    assert "没有找到这个房号" in response.text and "日期不能早于今天" in response.text
    assert "给王奶奶送口罩" in response.text
    assert not VolunteerTask.objects.exists()


def test_a_room_of_another_community_is_not_found(client, world):
    client.force_login(world.users["staff"])
    data = {"kind": TaskKind.VISIT, "title": "探访", "household": "1-101",
            "due_on": timezone.localdate().isoformat(), "token": "abc"}  # fmt: skip
    response = client.post(reverse("cases:task_new"), data)
    assert "没有找到这个房号" in response.text


def test_staff_turn_an_overdue_place_into_a_task_in_one_tap(client, world):
    lift = Place.objects.create(community=world.community, kind=PlaceKind.LIFT, name="3栋电梯")
    client.force_login(world.users["staff"])
    assert client.get(BOARD).context["overdue_places"] == [lift]
    response = client.post(reverse("cases:place_task", args=[lift.pk]), follow=True)
    assert "已发布任务：消杀：3栋电梯" in response.text
    assert response.context["overdue_places"] == []  # it has its task now
    client.post(reverse("cases:place_task", args=[lift.pk]))
    assert VolunteerTask.objects.filter(kind=TaskKind.DISINFECTION).count() == 1


def test_staff_make_a_volunteer_task_from_a_need_and_go_back_to_it(client, world):
    need = Need.objects.create(
        household=world.household5, category=Category.SUPPLIES, channel=Channel.PHONE,
        text="家里没米了，也没人能下楼", due_at=timezone.now(),
    )  # fmt: skip
    client.force_login(world.users["staff"])
    back = reverse("cases:need", args=[need.pk])
    response = client.post(reverse("cases:need_task", args=[need.pk]), {"next": back})
    assert response["Location"] == back
    task = VolunteerTask.objects.get()
    assert task.title == "代买送上门" and "没米" not in task.detail


def test_the_staff_board_counts_todays_hours(client, world, people, visit):
    tasks.complete(tasks.claim(visit, people.volunteer), people.volunteer, 45, "已探访")
    client.force_login(world.users["staff"])
    response = client.get(BOARD)
    assert response.context["hours_today"] == 0.75
    assert "已探访" in response.text and "志愿者小陈" in response.text
