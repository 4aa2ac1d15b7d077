"""The task service: claiming, releasing, assigning, completing, and where tasks
come from (hand-out doorstep bags, disinfection places, needs), with one source of
truth for each and no double counting."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from linli.cases import tasks
from linli.cases.choices import Category, Channel, Skill, TaskKind, TaskStatus
from linli.cases.models import Need, Volunteer, VolunteerTask
from linli.community.choices import Tag
from linli.community.models import ResidentTag
from linli.gate.choices import PlaceKind
from linli.gate.models import DisinfectionLog, Place
from linli.groupbuy import fulfil
from linli.groupbuy.choices import Channel as OrderChannel
from linli.groupbuy.choices import HandoutStatus, RoundState
from linli.groupbuy.models import Handout, Order, OrderLine
from tests.conftest import make_user
from tests.groupbuy.fixtures_rounds import grocery_round, products, supermarket  # noqa: F401


@pytest.fixture
def second(world):
    """Another volunteer of the same community."""
    user = make_user("vol2", "volunteer", community=world.community)
    return Volunteer.objects.create(user=user, name="志愿者小刘", community=world.community)


def task(world, **fields):
    fields.setdefault("kind", TaskKind.VISIT)
    fields.setdefault("title", "上门探访")
    return VolunteerTask.objects.create(community=world.community, **fields)


def test_the_first_claim_wins_and_the_second_volunteer_is_told_clearly(world, people, second):
    job = task(world)
    tasks.claim(job, people.volunteer)
    with pytest.raises(tasks.TaskRefused, match="刚被别的志愿者认领了"):
        tasks.claim(job, second)
    job.refresh_from_db()
    assert job.status == TaskStatus.CLAIMED and job.volunteer == people.volunteer


def test_a_double_tap_on_claim_is_no_refusal(world, people):
    job = task(world)
    tasks.claim(job, people.volunteer)
    assert tasks.claim(job, people.volunteer).volunteer == people.volunteer


def test_a_volunteer_cannot_claim_a_task_of_another_community(world, people):
    job = VolunteerTask.objects.create(
        community=world.other_community, kind=TaskKind.VISIT, title="探访"
    )
    with pytest.raises(tasks.TaskRefused):
        tasks.claim(job, people.volunteer)
    assert VolunteerTask.objects.get(pk=job.pk).status == TaskStatus.OPEN


def test_released_tasks_go_back_on_the_board_and_only_the_holder_may_release(world, people, second):
    job = tasks.claim(task(world), people.volunteer)
    with pytest.raises(tasks.TaskRefused):
        tasks.release(job, second)
    job = tasks.release(job, people.volunteer)
    assert job.status == TaskStatus.OPEN and job.volunteer is None and job.claimed_at is None


def test_completing_counts_the_minutes_once_however_often_it_is_tapped(world, people):
    job = tasks.claim(task(world), people.volunteer)
    tasks.complete(job, people.volunteer, 40, "  已探访，一切正常  ")
    again = tasks.complete(job, people.volunteer, 90, "又点了一次")
    assert again.minutes == 40 and again.done_note == "已探访，一切正常"
    assert people.volunteer.hours() == pytest.approx(40 / 60)


@pytest.mark.parametrize("minutes", [0, -5, 721])
def test_minutes_outside_one_to_720_are_refused(world, people, minutes):
    job = tasks.claim(task(world), people.volunteer)
    with pytest.raises(tasks.TaskRefused, match="1 到 720"):
        tasks.complete(job, people.volunteer, minutes)
    assert VolunteerTask.objects.get(pk=job.pk).status == TaskStatus.CLAIMED


def test_only_the_holder_may_complete_a_task(world, people, second):
    job = tasks.claim(task(world), people.volunteer)
    with pytest.raises(tasks.TaskRefused):
        tasks.complete(job, second, 30)
    open_job = task(world)
    with pytest.raises(tasks.TaskRefused):
        tasks.complete(open_job, people.volunteer, 30)


def test_staff_assign_to_an_active_volunteer_of_the_community_only(world, people, second):
    job = tasks.claim(task(world), people.volunteer)
    assert tasks.assign(job, second).volunteer == second  # staff may hand it on
    second.active = False
    second.save()
    with pytest.raises(tasks.TaskRefused, match="在岗"):
        tasks.assign(job, second)
    outsider_user = make_user("vol_other", "volunteer", community=world.other_community)
    outsider = Volunteer.objects.create(
        user=outsider_user, name="外社区志愿者", community=world.other_community
    )
    with pytest.raises(tasks.TaskRefused):
        tasks.assign(job, outsider)


def test_a_cancelled_or_done_task_cannot_be_assigned_or_cancelled_again(world, people):
    job = tasks.cancel(task(world))
    with pytest.raises(tasks.TaskRefused):
        tasks.cancel(job)
    with pytest.raises(tasks.TaskRefused):
        tasks.assign(job, people.volunteer)


def test_hours_on_sums_the_days_done_minutes_of_the_communities_asked(world, people):
    wuhan = timezone.get_current_timezone()
    day = dt.date(2020, 2, 20)
    # 00:10 and 23:50 of the day count; 00:05 of the next day does not.
    times = ((30, dt.datetime(2020, 2, 20, 0, 10)), (60, dt.datetime(2020, 2, 20, 23, 50)),
             (45, dt.datetime(2020, 2, 21, 0, 5)))  # fmt: skip
    for minutes, at in times:
        task(world, status=TaskStatus.DONE, minutes=minutes, done_at=at.replace(tzinfo=wuhan),
             volunteer=people.volunteer)  # fmt: skip
    task(world, status=TaskStatus.CLAIMED, minutes=99, volunteer=people.volunteer)
    VolunteerTask.objects.create(
        community=world.other_community, kind=TaskKind.VISIT, title="x", minutes=120,
        status=TaskStatus.DONE, done_at=dt.datetime(2020, 2, 20, 12, tzinfo=wuhan),
    )  # fmt: skip
    assert VolunteerTask.objects.hours_on([world.community.pk], day) == 1.5
    both = [world.community.pk, world.other_community.pk]
    assert VolunteerTask.objects.hours_on(both, day) == 3.5
    assert VolunteerTask.objects.hours_on([], day) == 0


def test_hours_this_week_count_from_monday(world, people):
    wuhan = timezone.get_current_timezone()
    with time_machine.travel(dt.datetime(2020, 2, 20, 12, tzinfo=wuhan), tick=False):  # a Thursday
        task(world, status=TaskStatus.DONE, minutes=30, volunteer=people.volunteer,
             done_at=dt.datetime(2020, 2, 17, 9, tzinfo=wuhan))  # fmt: skip
        task(world, status=TaskStatus.DONE, minutes=60, volunteer=people.volunteer,
             done_at=dt.datetime(2020, 2, 16, 23, tzinfo=wuhan))  # fmt: skip
        hours = Volunteer.objects.with_minutes(tasks.week_start()).get(pk=people.volunteer.pk)
    assert (hours.minutes_since, hours.minutes_total) == (30, 90)


# Hand-out doorstep deliveries


@pytest.fixture
def handed_round(world, grocery_round, products):  # noqa: F811
    """王秀英 (5栋101, living alone) and 黄彬 (3栋201) each get a bag of cabbage."""
    cabbage = products["大白菜"]
    for household in (world.household5, world.household3):
        order = Order.objects.create(
            round=grocery_round, household=household, channel=OrderChannel.PROXY
        )
        OrderLine.objects.create(order=order, product=cabbage, quantity=2, unit="斤")
    grocery_round.state = RoundState.ORDERED
    grocery_round.save()
    fulfil.receive_round(grocery_round, [(cabbage.pk, Decimal(4), None)], world.users["staff"])
    return grocery_round


def doorstep(world):
    return Handout.objects.get(order__household=world.household5)


def test_each_doorstep_bag_becomes_one_delivery_task_and_nothing_else_does(world, handed_round):
    handout = doorstep(world)
    job = VolunteerTask.objects.get()
    assert job.kind == TaskKind.DELIVERY and job.source_key == f"handout:{handout.pk}"
    assert job.household == world.household5 and job.community == world.community
    assert "独居" not in job.title + job.detail and "隔离" not in job.title + job.detail
    fulfil.create_handouts(handed_round)  # a re-run adds none
    assert VolunteerTask.objects.count() == 1


def test_a_volunteer_finishing_the_delivery_marks_the_bag_delivered(world, people, handed_round):
    job = tasks.claim(VolunteerTask.objects.get(), people.volunteer)
    tasks.complete(job, people.volunteer, 20, "放门口了，老人已取")
    handout = doorstep(world)
    assert handout.status == HandoutStatus.DELIVERED and handout.done_by == world.users["volunteer"]
    job.refresh_from_db()
    assert job.status == TaskStatus.DONE and job.minutes == 20


def test_delivered_at_the_hand_out_screen_finishes_the_task(world, people, handed_round):
    job = tasks.claim(VolunteerTask.objects.get(), people.volunteer)
    fulfil.mark_handout(doorstep(world), HandoutStatus.DELIVERED, world.users["captain5"])
    job.refresh_from_db()
    assert job.status == TaskStatus.DONE and job.volunteer == people.volunteer
    # The volunteer's own "完成" afterwards records their time, and only once.
    tasks.complete(job, people.volunteer, 20, "送到了")
    tasks.complete(job, people.volunteer, 50)
    job.refresh_from_db()
    assert (job.minutes, job.done_note) == (20, "送到了")
    assert doorstep(world).done_by == world.users["captain5"]


def test_an_open_delivery_done_by_a_volunteer_at_the_hand_out_screen_is_theirs(
    world, people, handed_round
):
    fulfil.mark_handout(doorstep(world), HandoutStatus.DELIVERED, world.users["volunteer"])
    job = VolunteerTask.objects.get()
    assert job.status == TaskStatus.DONE and job.volunteer == people.volunteer


def test_a_bag_the_family_collected_takes_the_task_off_the_board(world, people, handed_round):
    fulfil.mark_handout(doorstep(world), HandoutStatus.PICKED_UP, world.users["captain5"], "女儿")
    assert VolunteerTask.objects.get().status == TaskStatus.CANCELLED


# Disinfection and needs


@pytest.fixture
def lift(world):
    return Place.objects.create(community=world.community, kind=PlaceKind.LIFT, name="3栋电梯")


def test_an_overdue_place_becomes_one_task_and_doing_it_logs_the_disinfection(world, people, lift):
    job, created = tasks.disinfection_task(lift, by=world.users["staff"])
    again, created_again = tasks.disinfection_task(lift, by=world.users["staff"])
    assert created and not created_again and again == job
    tasks.complete(tasks.claim(job, people.volunteer), people.volunteer, 25, "按规程消杀")
    log = DisinfectionLog.objects.get()
    assert log.place == lift and log.done_by == world.users["volunteer"]
    assert log.note == "按规程消杀"
    # The next time it is overdue it gets a new task.
    assert tasks.disinfection_task(lift)[1]


def test_a_task_from_a_need_carries_none_of_the_needs_words(world):
    need = Need.objects.create(
        household=world.household5, category=Category.MEDICINE, channel=Channel.PHONE,
        text="老人胰岛素快用完了，最近血糖很高，心情也很差", due_at=timezone.now(),
    )  # fmt: skip
    job, created = tasks.need_task(need, by=world.users["staff"])
    assert created and job.kind == TaskKind.MEDICINE and job.household == world.household5
    for word in ("胰岛素", "血糖", "心情"):
        assert word not in job.title + job.detail
    assert not tasks.need_task(need)[1]  # one a day


def test_the_board_shows_the_skill_each_task_needs(world):
    assert task(world, kind=TaskKind.CHECK_CALL).skill == Skill.BEFRIENDING
    assert task(world, kind=TaskKind.DELIVERY).skill == Skill.DELIVERY


def test_a_volunteer_taken_off_duty_releases_their_tasks(world, people):
    job = tasks.claim(task(world), people.volunteer)
    assert tasks.release_all(people.volunteer) == 1
    assert VolunteerTask.objects.get(pk=job.pk).status == TaskStatus.OPEN


def test_the_check_call_names_its_resident_only_through_its_source(world):
    ResidentTag.objects.get_or_create(resident=world.resident5, tag=Tag.ELDERLY_ALONE)
    day = timezone.localdate()
    tasks.create_check_calls(day)
    job = VolunteerTask.objects.get(kind=TaskKind.CHECK_CALL)
    assert tasks.call_resident(job) == world.resident5
    assert tasks.call_resident(task(world)) is None
