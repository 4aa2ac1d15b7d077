"""The chat inbox in pages of 50: every pending draft on exactly one page, within
the reader's groups only, with big 上一页/下一页 buttons."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from linli.chat import drafts
from linli.chat.choices import Status
from linli.chat.models import ChatMessage
from linli.chat.views import PER_PAGE
from tests.chat.conftest import make_group

pytestmark = pytest.mark.django_db
# One minute for all: the order then rests on its last key, which must keep pages apart.
SENT = "2020-02-20T09:31:00+08:00"


def post_needs(group, count, label="3栋"):
    return [
        drafts.receive(group.group, "张阿姨", f"{label}能不能帮忙买点菜，第{n}次", SENT)[0].pk
        for n in range(count)
    ]


def inbox(client, user, **params):
    client.force_login(user)
    response = client.get("/chat/inbox/", params)
    assert response.status_code == 200
    return response.content.decode()


def shown(page):
    return [int(pk) for pk in re.findall(r'id="message-(\d+)"', page)]


def pager_links(page):
    """(label, href) of the pager's buttons."""
    pager = re.search(r'<nav class="pager".*?</nav>', page, re.S)
    if pager is None:
        return []
    found = re.findall(r'<a class="button secondary" href="([^"]*)"[^>]*>([^<]*)</a>', pager[0])
    return [(label, href.replace("&amp;", "&")) for href, label in found]


def test_a_page_holds_fifty_drafts():
    assert PER_PAGE == 50


def test_120_drafts_show_on_three_pages_each_on_exactly_one(client, world, group3):
    posted = post_needs(group3, 120)
    pages = [shown(inbox(client, world.users["staff"], page=n)) for n in (1, 2, 3)]

    assert [len(p) for p in pages] == [50, 50, 20]
    every = [pk for p in pages for pk in p]
    assert len(every) == len(set(every)) == 120
    assert set(every) == set(posted)


def test_the_pager_offers_next_then_both_then_previous(client, world, group3):
    post_needs(group3, 120)
    staff = world.users["staff"]

    first, middle, last = (pager_links(inbox(client, staff, page=n)) for n in (1, 2, 3))

    assert first == [("下一页", "/chat/inbox/?page=2")]
    assert middle == [("上一页", "/chat/inbox/?page=1"), ("下一页", "/chat/inbox/?page=3")]
    assert last == [("上一页", "/chat/inbox/?page=2")]
    assert "第 2 / 3 页" in inbox(client, staff, page=2)


def test_fifty_drafts_fit_one_page_without_a_pager(client, world, group3):
    post_needs(group3, 50)
    page = inbox(client, world.users["staff"])
    assert len(shown(page)) == 50
    assert 'class="pager"' not in page


def test_the_pager_keeps_the_talk_filter(client, world, group3):
    post_needs(group3, 51)
    drafts.receive(group3.group, "李师傅", "今天天气不错", SENT)

    page = inbox(client, world.users["staff"], talk="1")

    assert pager_links(page) == [("下一页", "/chat/inbox/?talk=1&page=2")]
    assert len(shown(inbox(client, world.users["staff"], talk="1", page=2))) == 2


def test_a_page_past_the_end_or_not_a_number_shows_a_real_page(client, world, group3):
    post_needs(group3, 60)
    staff = world.users["staff"]
    assert len(shown(inbox(client, staff, page=9))) == 10  # the last page
    assert len(shown(inbox(client, staff, page="abc"))) == 50  # the first page


def test_a_captain_pages_through_their_own_groups_only(client, world, group3):
    group5 = make_group(world, external_id="wx-5", building=world.building5, name="5栋群")
    post_needs(group3, 60, "3栋")
    mine = post_needs(group5, 55, "5栋")

    captain5 = world.users["captain5"]
    pages = [shown(inbox(client, captain5, page=n)) for n in (1, 2)]

    assert [len(p) for p in pages] == [50, 5]
    assert {pk for p in pages for pk in p} == set(mine)
    # Staff of the community page through both groups.
    staff = [shown(inbox(client, world.users["staff"], page=n)) for n in (1, 2, 3)]
    assert [len(p) for p in staff] == [50, 50, 15]


def test_the_pager_buttons_are_big_enough_to_tap(client, world, group3):
    post_needs(group3, 51)
    assert pager_links(inbox(client, world.users["staff"]))
    # What the pager's class="button" gets from the shared style sheet.
    css = (Path(settings.BASE_DIR) / "linli/static/linli/linli.css").read_text()
    assert re.search(r"--tap:\s*44px", css)
    rule = re.search(r"(?m)^button, \.button \{[^}]*\}", css)
    assert rule and "min-height: var(--tap)" in rule[0]


def test_drafts_already_handled_are_on_no_page(client, world, group3):
    posted = post_needs(group3, 55)
    ChatMessage.objects.filter(pk__in=posted[:10]).update(status=Status.DISMISSED)

    page = inbox(client, world.users["staff"])

    assert sorted(shown(page)) == sorted(posted[10:])
    assert 'class="pager"' not in page
