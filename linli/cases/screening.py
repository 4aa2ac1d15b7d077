"""Apply triage to a need: its text, its category and its household's vulnerability tags.

`screen_need(need)` sets priority, crisis, reasons and the deadline (need.set_priority),
and the category when none was chosen. It does not save.
"""

from linli.cases.triage import triage
from linli.community.models import ResidentTag


def need_tags(need) -> set[str]:
    """Vulnerability tags of everyone in the household, and of the resident in need."""
    tags = set()
    if need.household_id:
        tags.update(
            ResidentTag.objects.filter(resident__household_id=need.household_id).values_list(
                "tag", flat=True
            )
        )
    if need.resident_id:
        tags.update(
            ResidentTag.objects.filter(resident_id=need.resident_id).values_list("tag", flat=True)
        )
    return tags


def screen_need(need):
    result = triage(need.text, need_tags(need), need.category or None)
    if not need.category:
        need.category = result.category
    need.set_priority(result.priority, result.crisis, result.reasons_as_dicts())
    return result
