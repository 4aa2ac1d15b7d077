"""`linli daily_tasks [--date YYYY-MM-DD]`: put the day's check-call tasks on the
volunteers' board, one per resident living alone (独居老人). Run each morning
(cron); safe to re-run and to run twice at once: a resident gets one call a day."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.tasks import create_check_calls


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from None


class Command(BaseCommand):
    help = "Create the day's check-call tasks for residents living alone; safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", dest="day", type=_date, help="YYYY-MM-DD, default today (Asia/Shanghai)"
        )

    def handle(self, *args, day=None, **options):
        # call_command(date="…") passes the text as typed, unparsed.
        day = _date(day) if isinstance(day, str) else day or timezone.localdate()
        made = create_check_calls(day)
        self.stdout.write(
            _("%(day)s 的电话问候任务：新建 %(count)d 个") % {"day": day.isoformat(), "count": made}
        )
