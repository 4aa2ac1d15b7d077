"""Writing audit entries. Views call `record` for reads of personal data;
registry changes are recorded by the receivers in signals.py."""

from linli.audit.context import current_actor
from linli.audit.models import Action, AuditEntry
from linli.community.models import Resident

# Values that are never copied into the trail in full.
_MASKED_FIELDS = {"phone", "id_number"}


def resident_id_of(obj) -> int | None:
    if isinstance(obj, Resident):
        return obj.pk
    resident_id = getattr(obj, "resident_id", None)
    return resident_id


def entry(action, obj, changes=None, user=None, address=None, description=None) -> AuditEntry:
    actor, actor_address = current_actor()
    return AuditEntry(
        user=user or actor,
        address=address or actor_address,
        action=action,
        model=obj._meta.label_lower,
        object_id=str(obj.pk or ""),
        object_repr=(description or str(obj))[:200],
        resident_id=resident_id_of(obj),
        changes=changes or {},
    )


def record(action, obj, changes=None, user=None, address=None, description=None) -> AuditEntry:
    item = entry(action, obj, changes, user, address, description)
    item.save()
    return item


def record_view(request, resident, field) -> AuditEntry:
    action = Action.VIEW_PHONE if field == "phone" else Action.VIEW_ID
    return record(action, resident, user=request.user)


def masked(field, value):
    if field in _MASKED_FIELDS and value:
        value = str(value)
        return f"…{value[-4:]}"
    return value
