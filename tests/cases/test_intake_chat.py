"""Pasted chat text: split into messages, matched to rooms, previewed, then confirmed."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from linli.cases import chatpaste
from linli.cases.choices import Channel, Priority
from linli.cases.models import Need
from tests.cases.need_helpers import page

PASTE = reverse("cases:need_paste")

CHAT = """张阿姨 3-1-201：我家降压药快吃完了，能帮忙买吗
收到
[09:40] 王姐：谢谢楼长辛苦了👍
李叔叔 5-1-101 2020-02-10 09:31
老伴发烧三天了
一直咳嗽

赵伯 9-9-909：我一个人住，家里没菜了
"""


# --- splitting (pure) ----------------------------------------------------------------


def test_a_name_and_room_then_a_colon_is_one_message_with_its_room():
    (m,) = chatpaste.split("张阿姨 3-1-201: 我家药快吃完了")
    assert (m.sender, m.text, m.room) == ("张阿姨 3-1-201", "我家药快吃完了", "3-1-201")


def test_an_exports_header_line_takes_the_lines_below_as_its_text():
    (m,) = chatpaste.split("李叔叔 5-1-101 2020-02-10 09:31\n老伴发烧三天了\n一直咳嗽\n")
    assert m.sender == "李叔叔 5-1-101" and m.text == "老伴发烧三天了 一直咳嗽"
    assert m.room == "5-1-101" and m.line == 1


def test_a_time_first_header_and_full_width_colons_are_read():
    found = chatpaste.split("2020-02-10 10:01 赵伯\n没菜了\n【09:40】王姐：3栋201 孩子一个人在家")
    assert [(m.sender, m.text) for m in found] == [("赵伯", "没菜了"),
                                                   ("王姐", "3栋201 孩子一个人在家")]  # fmt: skip
    assert found[1].room == "3-201"


def test_plain_lines_are_one_message_each_and_keep_the_residents_words():
    found = chatpaste.split("5栋101 药没了，怎么办？\n\n下午3:30能送来吗")
    assert [m.text for m in found] == ["5栋101 药没了，怎么办？", "下午3:30能送来吗"]
    assert [m.sender for m in found] == ["", ""] and found[0].room == "5-101"


def test_a_header_with_nothing_under_it_is_kept_as_a_message():
    (m,) = chatpaste.split("3月5日 我家没菜了\n")
    assert m.text == "3月5日 我家没菜了"


@pytest.mark.parametrize("text", ["收到", "好的谢谢", "谢谢楼长辛苦了👍", "[强][强]", "OK",
                                  "收到收到！", "张三撤回了一条消息", "[图片]"])  # fmt: skip
def test_acknowledgements_are_chatter(text):
    assert chatpaste.is_chatter(text)


@pytest.mark.parametrize("text", ["不想活了", "药没了", "好难受", "收到，但是我家还缺米",
                                  "谢谢，能再送点菜吗"])  # fmt: skip
def test_anything_asked_or_feared_is_not_chatter(text):
    assert not chatpaste.is_chatter(text)


@given(st.text(max_size=300))
def test_splitting_never_fails_and_never_invents_text(text):
    for m in chatpaste.split(text):
        assert m.text.strip()
        for word in m.text.split(" "):
            assert word in text


# --- the pages ---------------------------------------------------------------------


@pytest.fixture
def staff(world, client):
    client.force_login(world.users["staff"])
    return world.users["staff"]


def _drafts_post(response, **changes):
    """The preview's form as the browser would send it, with `changes` (field → value)."""
    form = response.context["formset"]
    data = {"drafts": "1", "token": response.context["token"]}
    data |= {f"{form.prefix}-{k}": v for k, v in form.management_form.initial.items()}
    for f in form.forms:
        for name in f.fields:
            value = f[name].value()
            if name == "include":
                if value:
                    data[f"{f.prefix}-include"] = "on"
            else:
                data[f"{f.prefix}-{name}"] = value or ""
    data["skipped"] = response.context["skipped"]
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def test_the_preview_creates_nothing_and_lists_drafts_rooms_and_skipped_lines(staff, world, client):
    response = client.post(PASTE, {"text": CHAT})
    html = page(response)
    assert response.status_code == 200 and not Need.objects.exists()
    rows = response.context["rows"]
    assert [r["household"] for r in rows] == [world.household3, world.household5, None]
    assert "找不到房号" in html and "略过 2 条不是求助的消息" in html
    assert "收到" in response.context["skipped"]
    assert rows[1]["need"].priority <= Priority.P3  # triaged: fever is shown raised


def test_confirm_with_an_unmatched_room_ticked_writes_nothing(staff, client):
    preview = client.post(PASTE, {"text": CHAT})
    response = client.post(PASTE, _drafts_post(preview, confirm="1"))
    assert response.status_code == 400 and "找不到房号" in page(response)
    assert not Need.objects.exists()


def test_fixing_the_room_in_place_then_confirming_creates_all_in_one_go(staff, world, client):
    preview = client.post(PASTE, {"text": CHAT})
    response = client.post(PASTE, _drafts_post(preview, confirm="1", **{"d-2-room": "3-1-201"}))
    assert response.status_code == 302 and response.url == reverse("cases:needs")
    needs = list(Need.objects.order_by("pk"))
    assert len(needs) == 3
    assert [n.household for n in needs] == [world.household3, world.household5, world.household3]
    assert all(n.channel == Channel.CHAT and n.entered_by == staff for n in needs)
    assert needs[0].contact_name == "张阿姨" and "降压药" in needs[0].text


def test_unticking_a_draft_leaves_it_out(staff, client):
    preview = client.post(PASTE, {"text": CHAT})
    client.post(PASTE, _drafts_post(preview, confirm="1", **{"d-2-include": None}))
    assert Need.objects.count() == 2


def test_a_double_tapped_confirm_creates_the_needs_once(staff, client):
    preview = client.post(PASTE, {"text": CHAT})
    data = _drafts_post(preview, confirm="1", **{"d-2-include": None})
    client.post(PASTE, data)
    second = client.post(PASTE, data)
    assert second.status_code == 302 and Need.objects.count() == 2


def test_a_captain_cannot_file_a_need_for_another_buildings_room(world, client):
    client.force_login(world.users["captain3"])
    preview = client.post(PASTE, {"text": CHAT})
    assert [r["household"] for r in preview.context["rows"]] == [world.household3, None, None]
    response = client.post(PASTE, _drafts_post(preview, confirm="1", **{"d-1-room": "5-1-101"}))
    assert response.status_code == 400 and not Need.objects.exists()


def test_an_empty_paste_is_refused_in_plain_words(staff, client):
    response = client.post(PASTE, {"text": "  "})
    assert response.status_code == 400 and "请先粘贴群聊内容" in page(response)


@pytest.mark.parametrize("who", ["resident", "doctor", "volunteer"])
def test_people_who_do_not_take_needs_cannot_paste(world, client, who):
    client.force_login(world.users[who])
    assert client.get(PASTE).status_code == 404
    assert client.post(PASTE, {"text": CHAT}).status_code == 404
