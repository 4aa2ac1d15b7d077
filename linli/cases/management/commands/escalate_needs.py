"""`linli escalate_needs`: report open needs past their response deadline with no
first response to the supervisors, and urgent chat-group drafts (linli.chat.alerts)
still unconfirmed past the P1 deadline; each once, so it is safe to re-run (cron
every few minutes)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from linli.cases.models import Need
from linli.chat import alerts


class Command(BaseCommand):
    help = (
        "Escalate overdue needs (no first response by the deadline) and urgent chat drafts "
        "left unconfirmed to supervisors; safe to re-run."
    )

    def handle(self, *args, **options):
        count = Need.objects.escalate_overdue()
        self.stdout.write(_("已上报督导的超时求助：%(count)d 条") % {"count": count})
        # Crises posted in a chat group and still unconfirmed past the P1 deadline.
        count = alerts.escalate_overdue()
        self.stdout.write(_("已上报督导的未确认群消息紧急求助：%(count)d 条") % {"count": count})
