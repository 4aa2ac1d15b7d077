"""The chat inbox: who sees which group's drafts, and what each confirmation makes."""

import pytest

from linli.cases.choices import Channel as NeedChannel
from linli.cases.models import Need
from linli.chat import drafts
from linli.chat.choices import Kind, Status
from linli.chat.models import ChatMessage
from linli.community.models import Resident
from linli.groupbuy.choices import RoundScope
from linli.groupbuy.models import JielongImport, Round
from linli.health.choices import Channel as CheckInChannel
from linli.health.models import CheckIn, VisitTask
from tests.chat.conftest import make_group

pytestmark = pytest.mark.django_db
SENT = "2020-02-20T09:31:00+08:00"
JIELONG_POST = "#接龙 蔬菜团购\n1. 3-1-201 大白菜2斤 土豆3斤\n2. 3-1-201 鸡蛋1斤"


def receive(group, text, sender="张阿姨", sent_at=SENT):
    return drafts.receive(group.group, sender, text, sent_at)[0]


def inbox(client, user, **params):
    client.force_login(user)
    return client.get("/chat/inbox/", params)


def confirm(client, user, message, **data):
    client.force_login(user)
    return client.post(f"/chat/{message.pk}/confirm/", data)


# --- who sees what ---------------------------------------------------------------------


def test_staff_and_the_captain_of_the_groups_building_see_its_drafts(client, world, group3):
    receive(group3, "能不能帮忙买点菜")
    for role in ("staff", "captain3", "area_leader"):
        assert "能不能帮忙买点菜" in inbox(client, world.users[role]).content.decode(), role


@pytest.mark.parametrize("role", ["captain5", "other_staff", "resident", "volunteer", "nobody"])
def test_others_get_404_for_the_inbox_and_each_message(client, world, group3, role):
    message = receive(group3, "能不能帮忙买点菜")
    assert inbox(client, world.users[role]).status_code == 404
    assert confirm(client, world.users[role], message, room="3-1-201").status_code == 404
    client.post(f"/chat/{message.pk}/dismiss/")
    message.refresh_from_db()
    assert message.status == Status.PENDING and not Need.objects.exists()


def test_the_captain_of_another_building_sees_only_their_own_groups(client, world, group3):
    group5 = make_group(world, external_id="wx-5", building=world.building5, name="5栋群")
    receive(group3, "3栋：能不能帮忙买药")
    receive(group5, "5栋：能不能帮忙买药")
    page = inbox(client, world.users["captain5"]).content.decode()
    assert "5栋：能不能帮忙买药" in page and "3栋：能不能帮忙买药" not in page


def test_a_community_group_is_for_staff_not_for_captains(client, world):
    everyone = make_group(world, external_id="wx-all", name="社区大群")
    receive(everyone, "能不能帮忙买药")
    assert "能不能帮忙买药" in inbox(client, world.users["staff"]).content.decode()
    assert inbox(client, world.users["captain3"]).status_code == 404


def test_a_crisis_comes_first_in_red_and_talk_only_on_request(client, world, group3):
    receive(group3, "能不能帮忙买点菜", sent_at="2020-02-20T08:00:00+08:00")
    receive(group3, "3-1-201 我不想活了", sent_at="2020-02-20T10:00:00+08:00")
    receive(group3, "谢谢楼长")
    page = inbox(client, world.users["captain3"]).content.decode()
    assert page.index("我不想活了") < page.index("能不能帮忙买点菜")
    assert 'class="chat-card crisis"' in page and "危机求助" in page
    assert "谢谢楼长" not in page
    assert "谢谢楼长" in inbox(client, world.users["captain3"], talk="1").content.decode()


# --- confirming ------------------------------------------------------------------------


def test_confirming_a_health_report_records_proxy_checkins(client, world, group3):
    wife = Resident.objects.create(household=world.household3, name="黄妻", birth_year=1982)
    message = receive(group3, "3-1-201 两口人 36.5 38.6")
    assert not CheckIn.objects.exists()
    response = confirm(client, world.users["captain3"], message)
    assert response.status_code == 302
    readings = dict(CheckIn.objects.values_list("resident", "temperature"))
    assert {k: str(v) for k, v in readings.items()} == {world.huangbin.pk: "36.5", wife.pk: "38.6"}
    assert set(CheckIn.objects.values_list("channel", flat=True)) == {CheckInChannel.PROXY}
    # The fever opens a visit task, as any abnormal check-in does.
    assert list(VisitTask.objects.values_list("resident", flat=True)) == [wife.pk]
    message.refresh_from_db()
    assert message.status == Status.CONFIRMED and message.confirmed_by == world.users["captain3"]
    assert message.result_model == "health.checkin"


def test_all_well_records_a_normal_checkin_for_each_member(client, world, group3):
    message = receive(group3, "3-1-201 全家体温正常")
    confirm(client, world.users["staff"], message)
    checkin = CheckIn.objects.get()
    assert checkin.resident == world.huangbin and not checkin.abnormal
    assert not VisitTask.objects.exists()


def test_a_household_outside_the_captains_buildings_is_not_recorded(client, world, group3):
    message = receive(group3, "5-1-101 全家正常")
    confirm(client, world.users["captain3"], message)
    assert not CheckIn.objects.exists()
    message.refresh_from_db()
    assert message.status == Status.PENDING


def test_confirming_twice_records_once(client, world, group3):
    message = receive(group3, "3-1-201 38.5")
    confirm(client, world.users["captain3"], message)
    confirm(client, world.users["captain3"], message)
    assert CheckIn.objects.count() == 1 and VisitTask.objects.count() == 1


def test_confirming_a_need_creates_it_for_the_household_named(client, world, group3):
    message = receive(group3, "我家药快吃完了，能不能帮忙买", sender="黄彬")
    assert message.kind == Kind.NEED
    response = confirm(
        client, world.users["captain3"], message, room="3-1-201", category="medicine"
    )
    need = Need.objects.get()
    assert response.url == f"/cases/needs/{need.pk}/"
    assert need.household == world.household3 and need.channel == NeedChannel.CHAT
    assert need.entered_by == world.users["captain3"] and need.category == "medicine"
    assert need.text == message.text and need.contact_name == "黄彬"
    message.refresh_from_db()
    assert (message.result_model, message.result_pk) == ("cases.need", str(need.pk))


def test_a_need_for_a_room_outside_the_captains_buildings_is_refused(client, world, group3):
    message = receive(group3, "能不能帮忙买药")
    confirm(client, world.users["captain3"], message, room="5-1-101")
    assert not Need.objects.exists()
    message.refresh_from_db()
    assert message.status == Status.PENDING


def test_a_need_confirmed_twice_is_one_need(client, world, group3):
    message = receive(group3, "能不能帮忙买药")
    confirm(client, world.users["staff"], message, room="3-1-201")
    confirm(client, world.users["staff"], message, room="3-1-201")
    assert Need.objects.count() == 1


def test_a_jielong_goes_to_the_preview_of_the_open_round(
    client, world, group3, grocery_round, during_round
):
    message = receive(group3, JIELONG_POST)
    response = confirm(client, world.users["captain3"], message)
    staged = JielongImport.objects.get()
    assert response.url == f"/groupbuy/jielong/{staged.pk}/"
    assert staged.round == grocery_round and staged.created_by == world.users["captain3"]
    assert not staged.is_confirmed  # the captain still reviews and confirms it there


def test_a_jielong_without_an_open_round_says_so_and_waits(client, world, group3):
    message = receive(group3, JIELONG_POST)
    assert "没有正在接单的团购" in inbox(client, world.users["captain3"]).content.decode()
    response = confirm(client, world.users["captain3"], message)
    assert response.status_code == 302 and not JielongImport.objects.exists()
    message.refresh_from_db()
    assert message.status == Status.PENDING


def test_dismissing_creates_nothing(client, world, group3):
    message = receive(group3, "3-1-201 38.5")
    client.force_login(world.users["captain3"])
    client.post(f"/chat/{message.pk}/dismiss/")
    message.refresh_from_db()
    assert message.status == Status.DISMISSED and not CheckIn.objects.exists()
    assert "3-1-201 38.5" not in inbox(client, world.users["captain3"]).content.decode()
    assert ChatMessage.objects.count() == 1


def test_the_start_page_of_the_groups_captain_links_the_inbox_with_its_count(client, world, group3):
    receive(group3, "能不能帮忙买点菜")
    receive(group3, "谢谢楼长")  # talk is not counted
    client.force_login(world.users["captain3"])
    assert "群消息待确认（1条）" in client.get("/").content.decode()
    client.force_login(world.users["captain5"])
    assert "群消息" not in client.get("/").content.decode()


def test_a_round_of_another_building_chosen_in_the_form_imports_nowhere(
    client, world, group3, grocery_round, during_round
):
    round5 = Round.objects.create(
        community=world.community, title="5栋团购", kind=grocery_round.kind,
        scope=RoundScope.BUILDINGS, opens_at=grocery_round.opens_at,
        closes_at=grocery_round.closes_at, created_by=world.users["staff"],
    )  # fmt: skip
    round5.buildings.add(world.building5)
    message = receive(group3, JIELONG_POST)
    response = confirm(client, world.users["captain3"], message, round=round5.pk)
    # Neither that round nor another one the captain did not choose.
    assert response.status_code == 302 and not JielongImport.objects.exists()
    message.refresh_from_db()
    assert message.status == Status.PENDING
