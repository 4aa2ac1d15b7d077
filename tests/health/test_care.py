"""Visits, transfers, care flags and quarantine through the pages, with dates
under time-machine."""

from datetime import date, timedelta

from django.urls import reverse

from linli.community.choices import Tag
from linli.community.models import Resident, ResidentTag
from linli.health.choices import FollowUpOutcome, QuarantineKind, TransferStage
from linli.health.models import CareFlag, Quarantine, Transfer, VisitTask


def test_staff_record_a_visit_with_a_category_and_the_task_leaves_the_dashboard(
    world, fever, client
):
    client.force_login(world.users["staff"])
    task = VisitTask.objects.get()
    url = reverse("health:visit", args=[task.pk])
    missing = client.post(url, {"outcome": "category", "note": "发热三天"})
    assert "请选择分类" in missing.content.decode() and "发热三天" in missing.content.decode()
    client.post(url, {"outcome": "category", "category": "fever", "note": "发热三天"})
    page = client.get(reverse("health:dashboard")).content.decode()
    assert reverse("health:visit", args=[task.pk]) not in page
    assert '<span class="n">1</span> 不能排除的发热患者' in page


def _transfer_all_the_way(client, resident, site="金银潭医院", request=True):
    if request:
        client.post(reverse("health:transfer_request", args=[resident.pk]))
    transfer = Transfer.objects.get(resident=resident)
    url = reverse("health:transfer_advance", args=[transfer.pk])
    client.post(url, {"stage": "arranged"})
    client.post(url, {"stage": "transferred", "destination": "hospital", "site": site})
    transfer.refresh_from_db()
    return transfer


def test_a_transfer_records_who_and_when_at_each_step_and_cannot_skip_one(world, today, client):
    client.force_login(world.users["staff"])
    client.post(reverse("health:transfer_request", args=[world.huangbin.pk]))
    transfer = Transfer.objects.get()
    skip = client.post(
        reverse("health:transfer_advance", args=[transfer.pk]),
        {"stage": "transferred", "destination": "hospital", "site": "金银潭医院"},
    )
    assert skip.status_code == 400 and "转运不能跳到这一步" in skip.content.decode()
    transfer = _transfer_all_the_way(client, world.huangbin, request=False)
    assert transfer.stage == TransferStage.TRANSFERRED
    assert transfer.site == "金银潭医院"
    assert transfer.arranged_by == world.users["staff"] and transfer.transferred_at


def test_a_transfer_without_the_sites_name_is_refused_with_a_message(world, today, client):
    client.force_login(world.users["staff"])
    client.post(reverse("health:transfer_request", args=[world.huangbin.pk]))
    transfer = Transfer.objects.get()
    url = reverse("health:transfer_advance", args=[transfer.pk])
    client.post(url, {"stage": "arranged"})
    response = client.post(url, {"stage": "transferred", "destination": "shelter"})
    assert "请填写医院或隔离点的名称" in response.content.decode()
    assert Transfer.objects.get().stage == TransferStage.ARRANGED


def test_a_child_left_home_when_the_only_parent_is_transferred_flags_the_household(
    world, today, client
):
    Resident.objects.create(household=world.household3, name="黄小宝", birth_year=2013)
    client.force_login(world.users["staff"])
    transfer = _transfer_all_the_way(client, world.huangbin)
    assert CareFlag.objects.open().filter(household=world.household3).exists()
    assert "无人照料" in client.get(reverse("health:dashboard")).content.decode()
    client.post(reverse("health:transfer_advance", args=[transfer.pk]), {"stage": "returned"})
    assert not CareFlag.objects.open().exists()


def test_a_child_with_another_adult_at_home_raises_no_flag(world, today, client):
    Resident.objects.create(household=world.household3, name="黄小宝", birth_year=2013)
    Resident.objects.create(household=world.household3, name="李梅", birth_year=1982)
    client.force_login(world.users["staff"])
    _transfer_all_the_way(client, world.huangbin)
    assert not CareFlag.objects.exists()


def test_a_quarantine_of_a_close_contact_ends_14_days_after_the_last_contact_and_tags_them(
    world, today, client
):
    client.force_login(world.users["staff"])
    contact = today - timedelta(days=3)
    client.post(
        reverse("health:quarantine_start", args=[world.huangbin.pk]),
        {"kind": QuarantineKind.HOME, "last_contact": contact.isoformat()},
    )
    quarantine = Quarantine.objects.get()
    assert quarantine.end == contact + timedelta(days=14)
    assert ResidentTag.objects.filter(resident=world.huangbin, tag=Tag.QUARANTINE).exists()


def test_the_quarantine_length_is_a_setting(world, today, settings):
    settings.LINLI_QUARANTINE_DAYS = 21
    quarantine = Quarantine.begin(world.huangbin, QuarantineKind.CENTRAL, world.users["staff"])
    assert quarantine.end == today + timedelta(days=21)


def test_extending_keeps_the_old_end_and_the_reason(world, today, client):
    client.force_login(world.users["staff"])
    quarantine = Quarantine.begin(world.huangbin, QuarantineKind.HOME, world.users["staff"])
    new_end = quarantine.end + timedelta(days=7)
    url = reverse("health:quarantine_end", args=[quarantine.pk])
    refused = client.post(url, {"new_end": new_end.isoformat()})
    assert refused.status_code == 400
    client.post(url, {"new_end": new_end.isoformat(), "reason": "核酸复检阳性"})
    quarantine.refresh_from_db()
    change = quarantine.changes.get()
    assert (change.old_end, change.new_end, change.reason) == (
        today + timedelta(days=14),
        new_end,
        "核酸复检阳性",
    )
    assert quarantine.end == new_end and change.extended


def test_a_quarantine_is_due_on_its_end_date_not_before(world, today, time_machine):
    quarantine = Quarantine.begin(world.huangbin, QuarantineKind.HOME, world.users["staff"])
    time_machine.move_to("2020-02-25 09:00 +08:00")
    assert not quarantine.is_due
    time_machine.move_to("2020-02-26 09:00 +08:00")
    assert quarantine.is_due


def test_the_not_seen_for_two_days_list_follows_the_calendar(world, today, time_machine, client):
    staff = world.users["staff"]
    quarantine = Quarantine.begin(world.huangbin, QuarantineKind.HOME, staff)
    quarantine.follow_up(FollowUpOutcome.WELL, staff)
    time_machine.move_to("2020-02-13 09:00 +08:00")
    quarantine.follow_up(FollowUpOutcome.MISSED, staff)
    assert not Quarantine.objects.not_seen(date(2020, 2, 13)).exists()
    time_machine.move_to("2020-02-14 09:00 +08:00")
    assert list(Quarantine.objects.not_seen(date(2020, 2, 14))) == [quarantine]
    client.force_login(staff)
    assert "隔离人员两天未见" in client.get(reverse("health:dashboard")).content.decode()
    assert "最后见到：2月12日" in client.get(reverse("health:dashboard")).content.decode()
    quarantine.follow_up(FollowUpOutcome.UNWELL, staff)
    assert not Quarantine.objects.not_seen(date(2020, 2, 14)).exists()


def test_release_removes_the_quarantine_tag(world, today, client):
    client.force_login(world.users["staff"])
    quarantine = Quarantine.begin(world.huangbin, QuarantineKind.HOME, world.users["staff"])
    client.post(reverse("health:release", args=[quarantine.pk]))
    quarantine.refresh_from_db()
    assert quarantine.released_by == world.users["staff"]
    assert not ResidentTag.objects.filter(resident=world.huangbin, tag=Tag.QUARANTINE).exists()
    assert not Quarantine.objects.active().exists()


def test_todays_follow_up_schedule_lists_each_active_quarantine_until_it_is_recorded(
    world, today, client
):
    staff = world.users["staff"]
    quarantine = Quarantine.begin(world.huangbin, QuarantineKind.HOME, staff)
    assert list(Quarantine.objects.due_for_follow_up(today)) == [quarantine]
    client.force_login(staff)
    assert "今日待随访 (1)" in client.get(reverse("health:dashboard")).content.decode()
    quarantine.follow_up(FollowUpOutcome.MISSED, staff)
    assert not Quarantine.objects.due_for_follow_up(today).exists()
    quarantine.release(staff)
    assert not Quarantine.objects.due_for_follow_up(today + timedelta(days=1)).exists()


def test_a_double_tap_on_start_quarantine_starts_one(world):
    first = Quarantine.begin(world.huangbin, QuarantineKind.HOME, world.users["staff"])
    second = Quarantine.begin(world.huangbin, QuarantineKind.HOME, world.users["staff"])
    assert second.pk == first.pk
    assert Quarantine.objects.active().filter(resident=world.huangbin).count() == 1


def test_a_released_resident_can_start_a_new_quarantine(world):
    first = Quarantine.begin(world.huangbin, QuarantineKind.HOME, world.users["staff"])
    first.release(world.users["staff"])
    second = Quarantine.begin(world.huangbin, QuarantineKind.CENTRAL, world.users["staff"])
    assert second.pk != first.pk and second.is_active
