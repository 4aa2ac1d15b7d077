"""`POST /api/chat/messages`: what a chat group's bot forwards.

The bot authenticates with its group's own token (`Authorization: Bearer …`),
not a user's: it speaks for a group, and what it sends only ever becomes a
draft that a person confirms in the inbox (/chat/inbox/).
"""

from django.conf import settings
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer
from ninja.throttling import UserRateThrottle

from linli.api.errors import ApiError
from linli.api.ids import NO_NUL, Moment
from linli.chat import drafts
from linli.chat.models import MAX_TEXT, ChatGroup


class GroupBotAuth(HttpBearer):
    """`Authorization: Bearer <the group's bot token>`."""

    def authenticate(self, request, token):
        group = ChatGroup.find(token.strip())
        if group is None:
            raise ApiError(401, "invalid_token", headers={"WWW-Authenticate": "Bearer"})
        if not group.active:
            raise ApiError(403, "group_inactive")
        request.chat_group = group
        return group


class GroupRateThrottle(UserRateThrottle):
    """The API's write limit (LINLI_API_WRITE_RATE), counted per group. A bot is
    no user, so the API's limit would count by address, and one bot service often
    relays every group of a city from one address: a busy group must not silence
    the others."""

    scope = "chat_group"

    def get_cache_key(self, request) -> str:
        group = getattr(request, "chat_group", None)
        ident = f"group-{group.pk}" if group else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


GROUP_THROTTLE = GroupRateThrottle(settings.LINLI_API_WRITE_RATE)
router = Router(tags=["群聊/chat"], auth=GroupBotAuth(), throttle=[GROUP_THROTTLE])


class MessageIn(Schema):
    group: str = Field(
        min_length=1, max_length=100, pattern=NO_NUL, description="The group's id in the chat app."
    )
    sender: str = Field(
        min_length=1, max_length=100, pattern=NO_NUL, description="The sender's name in the group."
    )
    text: str = Field(min_length=1, max_length=MAX_TEXT, pattern=NO_NUL)
    sent_at: Moment = Field(
        description="When it was sent, with its offset (+08:00); without one, in the community's."
    )


class MessageOut(Schema):
    id: int
    kind: str = Field(description="jielong, need, checkin or other (talk).")
    status: str = Field(description="pending until a person confirms or dismisses it.")
    duplicate: bool = Field(description="True when the message had been received before.")


@router.post(
    "/chat/messages",
    response={200: MessageOut, 201: MessageOut},
    summary="群消息 / A chat-group message",
)
def receive_message(request, message: MessageIn):
    """A message from the group's bot; a re-sent one is stored once (200, duplicate)."""
    group = request.chat_group
    if message.group != group.external_id:
        raise ApiError(403, "wrong_group")
    stored, created = drafts.receive(group, message.sender, message.text, message.sent_at)
    body = {"id": stored.pk, "kind": stored.kind, "status": stored.status, "duplicate": not created}
    return Status(201 if created else 200, body)
