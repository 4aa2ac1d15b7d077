"""Counts per community for street and district viewers: numbers only, no names."""

from django.db.models import Count

from linli.community.models import Building, Household, Resident

# How each counted model reaches its community.
_PATHS = {
    "buildings": (Building.objects.all(), "compound__community"),
    "households": (Household.objects.all(), "building__compound__community"),
    "residents": (Resident.objects.all(), "household__building__compound__community"),
    "vulnerable": (Resident.objects.vulnerable(), "household__building__compound__community"),
}


def community_rollup(communities):
    """[(community, {"buildings": n, "households": n, ...})] plus the totals.

    One grouped query per figure rather than one query joining all four levels,
    whose row count would be the product of them.
    """
    communities = list(communities)
    ids = [c.pk for c in communities]
    figures = {}
    for name, (queryset, path) in _PATHS.items():
        grouped = (
            queryset.filter(**{f"{path}__in": ids})
            .order_by()
            .values(path)
            .annotate(n=Count("pk", distinct=True))
            .values_list(path, "n")
        )
        figures[name] = dict(grouped)
    rows = [(c, {name: figures[name].get(c.pk, 0) for name in _PATHS}) for c in communities]
    totals = {name: sum(counts[name] for _, counts in rows) for name in _PATHS}
    return rows, totals
