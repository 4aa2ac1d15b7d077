"""`{% cases_links %}`: the needs, dashboard and outbound entries of the staff overview.

The overview is shared by community staff and the property office; only staff
(and supervisors, who reach it through their own home) work with needs.
"""

from django import template

from linli.accounts.scope import scope_of
from linli.cases import access

register = template.Library()


@register.inclusion_tag("cases/_links.html", takes_context=True)
def cases_links(context):
    scope = scope_of(context["request"])
    staff = scope.is_superuser or bool(access.staff_community_ids(scope))
    return {"staff": staff}
