"""Scoping in one line for API endpoints, through the same `Scope` as the pages.

    buildings = scoped(request, Building.objects.with_counts())
    household = get_scoped_or_404(request, Household.objects.all(), pk=household_id)

Anything outside the caller's scope is a 404 in the API's error format, exactly
like something that does not exist.
"""

from linli.accounts.scope import scope_of


def scoped(request, queryset):
    return scope_of(request).filter(queryset)


def get_scoped_or_404(request, queryset, **lookup):
    return scope_of(request).get_or_404(queryset, **lookup)
