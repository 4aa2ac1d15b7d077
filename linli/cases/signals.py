"""Receivers that turn other apps' events into needs, so those apps import nothing
from casework. Connected in CasesConfig.ready()."""

from django.db.models.signals import post_save


def care_flag_raised(sender, instance, created, raw=False, **kwargs):
    """A child or dependent elder left alone: an urgent need, raised once."""
    if created and not raw and instance.resolved_at is None:
        from linli.cases.flows import need_for_care_flag

        need_for_care_flag(instance)


def connect():
    from linli.health.models import CareFlag

    post_save.connect(care_flag_raised, sender=CareFlag, dispatch_uid="cases_care_flag_raised")
