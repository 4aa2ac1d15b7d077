"""`{% health_links %}`: the health entries for each role's start page."""

from django import template

from linli.accounts.scope import scope_of
from linli.community.models import Building
from linli.health import access

register = template.Library()


@register.inclusion_tag("health/_links.html", takes_context=True)
def health_links(context):
    request = context["request"]
    scope = scope_of(request)
    buildings = []
    if not access.sees_details(scope) and scope.has_role(*access.COVERAGE_ROLES):
        buildings = access.coverage_filter(scope, Building.objects.select_related("compound"))
    return {
        "details": access.sees_details(scope),
        "coverage": access.sees_coverage(scope),
        "resident": bool(scope.household_ids),
        "buildings": list(buildings[:20]) if buildings else [],
    }
