"""`linli escalate_needs`: report open needs past their response deadline with no
first response to the supervisors; each need once, so it is safe to re-run (cron
every few minutes)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from linli.cases.models import Need


class Command(BaseCommand):
    help = (
        "Escalate overdue needs (no first response by the deadline) to supervisors; safe to re-run."
    )

    def handle(self, *args, **options):
        count = Need.objects.escalate_overdue()
        self.stdout.write(_("已上报督导的超时求助：%(count)d 条") % {"count": count})
