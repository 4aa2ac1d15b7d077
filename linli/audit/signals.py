"""Every change to registry data leaves an audit entry with its before and after."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from linli.audit.log import masked, record
from linli.audit.models import Action
from linli.community.models import Building, Household, Resident, ResidentTag, Unit

AUDITED = (Building, Unit, Household, Resident, ResidentTag)
_SKIP = {"updated_at", "created_at", "name_pinyin", "name_initials", "sort_key"}


def _values(obj) -> dict:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in _SKIP and not f.primary_key
    }


@receiver(pre_save)
def remember_old_values(sender, instance, raw=False, **kwargs):
    if raw or sender not in AUDITED or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values(*_values(instance).keys()).first()
    instance._audit_old = old


@receiver(post_save)
def record_save(sender, instance, created, raw=False, **kwargs):
    if raw or sender not in AUDITED:
        return
    new = _values(instance)
    if created:
        changes = {k: [None, masked(k, str(v))] for k, v in new.items() if v not in (None, "")}
        record(Action.CREATE, instance, changes)
        return
    old = getattr(instance, "_audit_old", None) or {}
    changes = {
        k: [masked(k, str(old.get(k))), masked(k, str(v))]
        for k, v in new.items()
        if k in old and old[k] != v
    }
    if changes:
        record(Action.UPDATE, instance, changes)


@receiver(pre_delete)
def remember_description(sender, instance, **kwargs):
    # A cascade deletes a household's unit before post_delete reaches the
    # household, so describe each object while everything it names still exists.
    if sender in AUDITED:
        instance._audit_repr = str(instance)


@receiver(post_delete)
def record_delete(sender, instance, **kwargs):
    if sender in AUDITED:
        record(Action.DELETE, instance, description=getattr(instance, "_audit_repr", None))
