"""`linli close_rounds`: mark open rounds past their cut-off closed; safe to re-run
(cron every minute). Ordering already refuses them; this makes the state say so."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from linli.groupbuy.rounds import close_overdue


class Command(BaseCommand):
    help = "Mark open group-buying rounds past their cut-off as closed; safe to re-run."

    def handle(self, *args, **options):
        closed = close_overdue()
        self.stdout.write(_("已截单的批次：%(count)d 个") % {"count": closed})
