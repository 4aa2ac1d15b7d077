"""`{% notices_links %}`: the notices entries on each role's start page, with the
number of announcements a resident has not read yet."""

from django import template
from django.db.models import Exists, OuterRef

from linli.accounts.scope import scope_of
from linli.notices import access
from linli.notices.models import Announcement, ReadReceipt

register = template.Library()


@register.inclusion_tag("notices/_links.html", takes_context=True)
def notices_links(context):
    scope = scope_of(context["request"])
    unread = 0
    if scope.household_ids:
        mine = ReadReceipt.objects.filter(
            announcement=OuterRef("pk"), resident__household_id__in=scope.household_ids
        )
        unread = Announcement.objects.visible_to(scope).filter(~Exists(mine)).count()
    return {
        "resident": bool(scope.household_ids),
        "tells": access.may_tell(scope),
        "staff": access.is_staff(scope),
        "summary": access.sees_summary(scope),
        "unread": unread,
    }
