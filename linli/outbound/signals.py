"""A visit task opened for an abnormal check-in tells the building's captains.

A signal rather than a call in the health app: the check-in code stays about
health, and the post_save runs inside its transaction (CheckIn.record), so the
deliveries are written with the task or not at all.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from linli.health.models import VisitTask


@receiver(post_save, sender=VisitTask, dispatch_uid="outbound_visit_task")
def visit_task_opened(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from linli.outbound import events

        events.visit_task(instance)
