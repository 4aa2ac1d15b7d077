"""Announcement pages on both sides of each line: staff publish, captains see
and work the unread list of their own buildings only, residents read."""

import logging

import pytest
from django.urls import reverse

from linli.audit.models import Action, AuditEntry
from linli.notices.choices import Priority, Reach, Told
from linli.notices.models import Announcement, AnnouncementTemplate, ReadReceipt

pytestmark = pytest.mark.django_db


def publish_data(world, **extra):
    data = {
        "title": "明早核酸检测", "body": "明早八点在小区广场核酸检测。",
        "priority": Priority.URGENT, "reach": Reach.BUILDINGS,
        "buildings": [world.building3.pk], "action": "publish",
    }  # fmt: skip
    data.update(extra)
    return data


def test_staff_publish_to_a_building_and_the_outbound_hook_is_called(client, world, caplog):
    client.force_login(world.users["staff"])
    with caplog.at_level(logging.INFO, logger="linli.notices.outbound"):
        response = client.post(reverse("notices:create"), publish_data(world))

    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert announcement.community == world.community
    assert list(announcement.buildings.all()) == [world.building3]
    assert f"announcement {announcement.pk} published" in caplog.text


def test_a_preview_shows_the_notice_and_saves_nothing(client, world):
    client.force_login(world.users["staff"])
    response = client.post(reverse("notices:create"), publish_data(world, action="preview"))
    assert response.status_code == 200
    assert "预览" in response.content.decode()
    assert "明早八点在小区广场核酸检测。" in response.content.decode()
    assert Announcement.objects.count() == 0


def test_a_double_tap_on_publish_makes_one_announcement(client, world):
    client.force_login(world.users["staff"])
    client.post(reverse("notices:create"), publish_data(world))
    client.post(reverse("notices:create"), publish_data(world))
    assert Announcement.objects.count() == 1


def test_a_building_reach_without_buildings_is_refused_and_keeps_the_text(client, world):
    client.force_login(world.users["staff"])
    response = client.post(reverse("notices:create"), publish_data(world, buildings=[]))
    page = response.content.decode()
    assert "请至少选一栋楼" in page
    assert "明早八点在小区广场核酸检测。" in page
    assert Announcement.objects.count() == 0


def test_a_template_fills_in_the_date_and_the_rest_must_be_filled_by_hand(client, world):
    template = AnnouncementTemplate.objects.create(
        name="消杀", title="{date}公共区域消杀", body="{date} {time}消杀{place}。"
    )
    client.force_login(world.users["staff"])
    page = client.get(reverse("notices:create"), {"template": template.pk}).content.decode()
    assert "{date}" not in page.split("<form", 1)[1]
    assert "{time}" in page

    response = client.post(
        reverse("notices:create"),
        publish_data(world, template=template.pk, title="2月12日公共区域消杀",
                     body="2月12日 {time}消杀{place}。"),
    )  # fmt: skip
    assert "还有没填的内容：{time}、{place}" in response.content.decode()
    assert Announcement.objects.count() == 0


def test_the_starter_templates_are_offered_on_a_fresh_install(client, world):
    names = set(AnnouncementTemplate.objects.filter(community=None).values_list("name", flat=True))
    assert {"团购截单提醒", "测温提醒", "出门证规定", "消杀通知"} <= names


@pytest.mark.parametrize("user", ["captain3", "area_leader", "resident", "viewer", "property"])
def test_only_staff_publish(client, world, user):
    client.force_login(world.users[user])
    assert client.get(reverse("notices:create")).status_code == 404
    assert client.post(reverse("notices:create"), publish_data(world)).status_code == 404


def test_staff_of_another_community_cannot_publish_to_this_communitys_buildings(client, world):
    client.force_login(world.users["other_staff"])
    response = client.post(reverse("notices:create"), publish_data(world))
    assert response.status_code == 200  # the form again, with the building refused
    assert Announcement.objects.count() == 0


def test_a_captain_sees_the_unread_list_of_their_building(client, world, to_building3):
    client.force_login(world.users["captain3"])
    page = client.get(reverse("notices:unread", args=[to_building3.pk])).content.decode()
    for name in ("黄彬", "刘敏", "张德海", "陈桂兰", "赵刚"):
        assert name in page
    assert page.index("张德海") < page.index("黄彬")  # no smartphone first
    assert "13900000022" not in page  # masked until revealed, and the reveal is logged


def test_the_captain_of_building_5_cannot_open_building_3s_unread_list(client, world, to_building3):
    client.force_login(world.users["captain5"])
    assert client.get(reverse("notices:unread", args=[to_building3.pk])).status_code == 404
    assert client.get(reverse("notices:detail", args=[to_building3.pk])).status_code == 404


def test_on_a_community_notice_the_captain_of_building_5_lists_only_building_5(
    client, world, to_community, building3_people
):
    client.force_login(world.users["captain5"])
    page = client.get(reverse("notices:unread", args=[to_community.pk])).content.decode()
    assert "王秀英" in page
    assert "黄彬" not in page and "张德海" not in page


def test_a_resident_cannot_open_the_unread_list_nor_mark_anyone_told(
    client, world, to_building3, building3_people
):
    client.force_login(world.users["resident"])
    assert client.get(reverse("notices:unread", args=[to_building3.pk])).status_code == 404
    url = reverse("notices:told", args=[to_building3.pk, building3_people["grandpa"].pk])
    assert client.post(url, {"how": Told.PHONE}).status_code == 404
    assert ReadReceipt.objects.count() == 0


def test_told_by_phone_removes_the_row_and_returns_the_new_count(
    client, world, to_building3, building3_people
):
    client.force_login(world.users["captain3"])
    grandpa = building3_people["grandpa"]
    url = reverse("notices:told", args=[to_building3.pk, grandpa.pk])

    response = client.post(url, {"how": Told.PHONE}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert 'id="unread-count" hx-swap-oob="true">4<' in response.content.decode()
    receipt = ReadReceipt.objects.get(resident=grandpa)
    assert (receipt.how, receipt.by) == (Told.PHONE, world.users["captain3"])


def test_told_without_htmx_goes_back_to_the_list(client, world, to_building3, building3_people):
    client.force_login(world.users["captain3"])
    url = reverse("notices:told", args=[to_building3.pk, building3_people["grandma"].pk])
    response = client.post(url, {"how": Told.DOOR})
    assert response.status_code == 302
    assert ReadReceipt.objects.get().how == Told.DOOR


def test_a_captain_cannot_mark_a_resident_of_another_building_told(client, world, to_community):
    client.force_login(world.users["captain3"])
    url = reverse("notices:told", args=[to_community.pk, world.resident5.pk])
    assert client.post(url, {"how": Told.PHONE}).status_code == 404
    assert ReadReceipt.objects.count() == 0


def test_an_unknown_way_of_telling_is_refused(client, world, to_building3, building3_people):
    client.force_login(world.users["captain3"])
    url = reverse("notices:told", args=[to_building3.pk, building3_people["grandpa"].pk])
    assert client.post(url, {"how": Told.APP}).status_code == 404
    assert ReadReceipt.objects.count() == 0


def test_the_phone_reveal_on_the_unread_list_is_logged(
    client, world, to_building3, building3_people
):
    client.force_login(world.users["captain3"])
    grandpa = building3_people["grandpa"]
    response = client.post(reverse("community:reveal", args=[grandpa.pk, "phone"]))
    assert "13900000022" in response.content.decode()
    assert AuditEntry.objects.filter(action=Action.VIEW_PHONE, resident_id=grandpa.pk).exists()


def test_a_resident_opening_a_notice_marks_their_household_read(
    client, world, to_building3, building3_people
):
    client.force_login(world.users["resident"])
    response = client.get(reverse("notices:detail", args=[to_building3.pk]))
    assert response.status_code == 200
    assert set(ReadReceipt.objects.values_list("resident__name", flat=True)) == {"黄彬", "刘敏"}


def test_a_resident_of_another_community_gets_404(client, world, to_community):
    from linli.accounts.choices import Role
    from tests.conftest import make_user

    outsider = make_user("li", Role.RESIDENT, household=world.other_household,
                         community=world.other_community)  # fmt: skip
    client.force_login(outsider)
    assert client.get(reverse("notices:detail", args=[to_community.pk])).status_code == 404


def test_a_residents_list_puts_unread_first_then_pinned(client, world, to_building3, to_community):
    to_community.mark_read({world.household3.pk}, by=world.users["resident"])
    client.force_login(world.users["resident"])
    page = client.get(reverse("notices:index")).content.decode()
    assert page.index("3栋今晚消杀") < page.index("出门证规定")


def test_the_residents_home_counts_unread_notices(client, world, to_building3, to_community):
    client.force_login(world.users["resident"])
    page = client.get(reverse("front:home")).content.decode()
    assert "社区通知（2条未读）" in page


def test_staff_see_read_counts_per_building(client, world, to_building3, building3_people):
    to_building3.mark_told(building3_people["grandpa"], Told.PHONE, by=world.users["captain3"])
    client.force_login(world.users["staff"])
    page = client.get(reverse("notices:detail", args=[to_building3.pk])).content.decode()
    assert "1 / 5" in page
    assert client.get(reverse("notices:index")).status_code == 200


def test_a_long_unread_list_says_it_shows_the_first_residents_only(
    client, world, to_building3, building3_people, monkeypatch
):
    monkeypatch.setattr("linli.notices.views.UNREAD_LIMIT", 2)
    client.force_login(world.users["staff"])
    page = client.get(reverse("notices:unread", args=[to_building3.pk])).content.decode()
    assert 'id="unread-count">5<' in page
    assert "先列出前2人" in page
