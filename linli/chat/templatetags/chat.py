"""`{% chat_links %}`: the chat inbox on the start page of those who confirm its
drafts, with how many wait; nothing for anyone else (nor when no group is linked)."""

from django import template

from linli.accounts.scope import scope_of
from linli.chat.models import ChatGroup, ChatMessage

register = template.Library()


@register.inclusion_tag("chat/_links.html", takes_context=True)
def chat_links(context):
    scope = scope_of(context["request"])
    groups = ChatGroup.objects.for_inbox(scope)
    if scope.is_superuser or not groups.exists():
        return {"show": scope.is_superuser, "waiting": 0}
    waiting = ChatMessage.objects.drafts().filter(group__in=groups).count()
    return {"show": True, "waiting": waiting}
