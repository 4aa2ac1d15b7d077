"""Chat fixtures: building 3's group with its bot token, and a way to post as its bot."""

from dataclasses import dataclass

import pytest

from linli.chat.models import ChatGroup

SENT = "2020-02-20T09:31:00+08:00"

# Supervisors, channels and a robot for the alerts of urgent drafts (test_urgent.py);
# rounds (grocery_round, during_round …) for the 接龙 drafts, star-imported so pytest
# sees the fixtures.
from tests.cases.conftest import people  # noqa: E402, F401
from tests.groupbuy.fixtures_rounds import *  # noqa: E402, F403
from tests.outbound.conftest import channels_on, community_robot, robot  # noqa: E402, F401


@dataclass
class Group:
    group: ChatGroup
    secret: str


def make_group(world, external_id="wx-3", building=None, **fields):
    group = ChatGroup(
        name=fields.pop("name", "3栋居民群"), external_id=external_id, community=world.community,
        building=building, **fields,
    )  # fmt: skip
    secret = group.new_token()
    group.save()
    return Group(group, secret)


@pytest.fixture
def group3(world) -> Group:
    return make_group(world, building=world.building3)


@pytest.fixture
def post_message(client):
    """POST a message as a group's bot; returns the response."""

    def post(group: Group, text, sender="张阿姨", sent_at=SENT, secret=None, external_id=None):
        body = {
            "group": external_id or group.group.external_id,
            "sender": sender,
            "text": text,
            "sent_at": sent_at,
        }
        headers = {"Authorization": f"Bearer {secret or group.secret}"}
        return client.post(
            "/api/chat/messages", body, content_type="application/json", headers=headers
        )

    return post
