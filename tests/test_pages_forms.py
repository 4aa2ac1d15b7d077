"""Staff adding and editing households and residents."""

import re

from django.urls import reverse

from linli.audit.models import Action, AuditEntry
from linli.community.choices import Relation, Tag
from linli.community.models import Household, Resident, ResidentTag, Unit


def resident_data(**changes):
    data = {
        "name": "黄彬",
        "relation": Relation.HEAD,
        "sex": "m",
        "birth_year": "1980",
        "phone": "13900000003",
        "id_number": "",
        "note": "",
        "tags": [],
    }
    data.update(changes)
    return data


def test_staff_add_a_resident_with_phone_typed_the_way_people_type_it(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:resident_add", args=[world.household3.pk])
    data = resident_data(name="黄小明", relation=Relation.CHILD, birth_year="2012",
                         phone="+86 139-0000-0123", tags=[Tag.CHILD])  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    added = Resident.objects.get(name="黄小明")
    assert (added.household, added.phone, added.tag_values) == (
        world.household3,
        "13900000123",
        [Tag.CHILD],
    )


def test_a_wrong_phone_is_explained_in_chinese_and_everything_typed_is_kept(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:resident_add", args=[world.household3.pk])
    data = resident_data(name="黄小明", phone="1390000", note="住在二楼", tags=[Tag.CHILD])
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.text
    assert "手机号应为11位，这里是7位" in page
    assert 'value="黄小明"' in page and 'value="1390000"' in page and "住在二楼" in page
    assert re.search(rf'name="tags" value="{Tag.CHILD}"[^>]*checked', page)
    assert not Resident.objects.filter(name="黄小明").exists()


def test_a_wrong_id_number_is_explained_and_kept(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:resident_edit", args=[world.huangbin.pk])
    response = client.post(url, resident_data(id_number="420106198001010011"))
    assert "身份证号校验位不对" in response.text
    assert 'value="420106198001010011"' in response.text


def test_a_birth_year_that_contradicts_the_id_number_is_refused(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:resident_edit", args=[world.huangbin.pk])
    data = resident_data(id_number=world.huangbin.id_number, birth_year="1990")
    assert "出生年份与身份证号不一致" in client.post(url, data).text


def test_an_edit_leaves_an_audit_entry_with_old_and_new_values(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:resident_edit", args=[world.huangbin.pk])
    data = resident_data(name="黄斌", id_number=world.huangbin.id_number, phone="13900000004")
    response = client.post(url, data, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.UPDATE, resident_id=world.huangbin.pk)
    assert entry.user == world.users["staff"] and entry.address == "10.0.0.7"
    assert entry.changes["name"] == ["黄彬", "黄斌"]
    # Phones stay masked even in the trail.
    assert entry.changes["phone"] == ["…0003", "…0004"]


def test_removing_and_adding_tags_are_each_audited(client, world):
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    client.force_login(world.users["staff"])
    url = reverse("community:resident_edit", args=[world.huangbin.pk])
    data = resident_data(id_number=world.huangbin.id_number, tags=[Tag.NO_SMARTPHONE])
    client.post(url, data)
    assert world.huangbin.tag_values == [Tag.NO_SMARTPHONE]
    trail = AuditEntry.objects.filter(resident_id=world.huangbin.pk, model="community.residenttag")
    assert {e.action for e in trail} == {Action.CREATE, Action.DELETE}


def test_a_captain_may_open_a_resident_but_not_edit_them(client, world):
    client.force_login(world.users["captain3"])
    url = reverse("community:resident_edit", args=[world.huangbin.pk])
    assert client.post(url, resident_data(name="改名")).status_code == 403
    world.huangbin.refresh_from_db()
    assert world.huangbin.name == "黄彬"


def test_staff_add_a_household_creating_its_unit(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:household_add", args=[world.building3.pk])
    response = client.post(url, {"unit_number": "２单元", "room": "３０２室", "note": ""})
    household = Household.objects.get(building=world.building3, room="302")
    assert response["Location"] == reverse("community:household", args=[household.pk])
    assert household.unit == Unit.objects.get(building=world.building3, number="2")


def test_a_room_already_registered_is_refused_with_the_input_kept(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:household_add", args=[world.building3.pk])
    response = client.post(url, {"unit_number": "1", "room": "201", "note": "重复"})
    assert "这个房号已经登记过了" in response.text and "重复" in response.text
    assert Household.objects.filter(building=world.building3).count() == 1


def test_editing_a_household_keeps_its_own_room_without_calling_it_a_duplicate(client, world):
    client.force_login(world.users["staff"])
    url = reverse("community:household_edit", args=[world.household3.pk])
    response = client.post(url, {"unit_number": "1", "room": "201", "note": "家中有老人"})
    assert response.status_code == 302
    world.household3.refresh_from_db()
    assert world.household3.note == "家中有老人"
