from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from linli.accounts.choices import Role
from linli.accounts.scope import scope_of
from linli.audit.models import AuditEntry
from linli.community.models import Household, Resident

ENTRIES_PER_PAGE = 50


def may_read_log(scope, community_id) -> bool:
    """The trail names who looked at whose phone: only the community's own staff
    (and superusers) read it, not captains or the property office."""
    if scope.is_superuser:
        return True
    return any(m.role == Role.STAFF and m.community_id == community_id for m in scope.memberships)


def _shown(value):
    # The signals store values as text, so an empty field arrives as "None".
    return None if value in (None, "None", "") else value


def change_rows(entry, addresses=None):
    """[(field label, old, new)] with the model's own Chinese field names, choice
    labels instead of stored slugs, and addresses instead of household numbers."""
    addresses = addresses or {}
    try:
        fields = {f.attname: f for f in apps.get_model(entry.model)._meta.concrete_fields}
    except (LookupError, ValueError):
        fields = {}
    rows = []
    for name, values in (entry.changes or {}).items():
        field = fields.get(name)
        if field is not None and field.related_model is Resident:
            continue  # the page is already about this resident
        old, new = (list(values) + [None, None])[:2] if isinstance(values, list) else (None, values)
        labels = (
            {str(k): v for k, v in field.flatchoices} if field is not None and field.choices else {}
        )
        if name == "household_id":
            labels = addresses
        old, new = (labels.get(v, v) for v in (_shown(old), _shown(new)))
        rows.append((field.verbose_name if field else name, old, new))
    return rows


def _addresses(scope, entries):
    """{"12": "凯旋名邸 9栋1单元201"} for the households the entries mention."""
    ids = {
        value
        for entry in entries
        for value in (entry.changes or {}).get("household_id", [])
        if value and str(value).isdigit()
    }
    households = scope.filter(Household.objects.with_details()).filter(pk__in=ids)
    return {str(h.pk): f"{h.building.compound.name} {h.address}" for h in households}


@login_required
def resident_log(request, pk):
    scope = scope_of(request)
    resident = scope.get_or_404(Resident.objects.with_details(), pk=pk)
    if not may_read_log(scope, resident.household.building.compound.community_id):
        raise Http404
    entries = AuditEntry.objects.for_resident(resident).select_related("user")
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    addresses = _addresses(scope, page)
    rows = [(entry, change_rows(entry, addresses)) for entry in page]
    return render(
        request, "audit/resident_log.html", {"resident": resident, "page": page, "rows": rows}
    )
