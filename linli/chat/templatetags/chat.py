"""`{% chat_links %}`: the chat inbox on the start page of those who confirm its
drafts, with how many wait and, in red, how many of them are urgent (P1); nothing for
anyone else (nor when no group is linked)."""

from django import template
from django.db.models import Count, Q

from linli.accounts.scope import scope_of
from linli.cases.choices import Priority
from linli.chat.models import ChatGroup, ChatMessage

register = template.Library()


@register.inclusion_tag("chat/_links.html", takes_context=True)
def chat_links(context):
    scope = scope_of(context["request"])
    groups = ChatGroup.objects.for_inbox(scope)
    if scope.is_superuser or not groups.exists():
        return {"show": scope.is_superuser, "waiting": 0, "urgent": 0}
    counts = (
        ChatMessage.objects.drafts()
        .filter(group__in=groups)
        .aggregate(waiting=Count("pk"), urgent=Count("pk", filter=Q(priority=Priority.P1)))
    )
    return {"show": True, **counts}
