"""The resident's audit log page: who, when, what, from where."""

from django.urls import reverse

from linli.community.choices import Tag
from linli.community.models import ResidentTag


def test_staff_read_who_looked_at_a_phone_and_from_where(client, world):
    client.force_login(world.users["captain3"])
    client.post(
        reverse("community:reveal", args=[world.huangbin.pk, "phone"]), REMOTE_ADDR="10.9.8.7"
    )
    client.force_login(world.users["staff"])
    page = client.get(reverse("audit:resident_log", args=[world.huangbin.pk])).text
    assert "captain3" in page and "查看电话" in page and "10.9.8.7" in page


def test_changes_are_shown_with_chinese_field_names_old_and_new_values(client, world):
    world.huangbin.name = "黄斌"
    world.huangbin.save()
    ResidentTag.objects.create(resident=world.huangbin, tag=Tag.CHRONIC)
    client.force_login(world.users["staff"])
    page = client.get(reverse("audit:resident_log", args=[world.huangbin.pk])).text
    assert "姓名：<del>黄彬</del> → <ins>黄斌</ins>" in page
    assert "修改" in page and "新建" in page
    assert "标签：<ins>慢性病</ins>" in page  # the label, not the stored slug


def test_the_log_never_shows_a_full_phone_or_id_number(client, world):
    world.huangbin.phone = "13900000004"
    world.huangbin.save()
    client.force_login(world.users["staff"])
    page = client.get(reverse("audit:resident_log", args=[world.huangbin.pk])).text
    assert "…0003" in page and "…0004" in page
    assert "13900000004" not in page and world.huangbin.id_number not in page


def test_staff_of_another_community_and_the_property_office_get_404(client, world):
    url = reverse("audit:resident_log", args=[world.huangbin.pk])
    for role in ("other_staff", "property", "captain3", "resident"):
        client.force_login(world.users[role])
        assert client.get(url).status_code == 404, role
