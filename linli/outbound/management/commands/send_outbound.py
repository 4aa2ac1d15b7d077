"""Send the outbound notices that are due. Meant for cron every minute; safe to
re-run and to run on several servers at once (docs/operations.md)."""

from django.core.management.base import BaseCommand

from linli.outbound import events
from linli.outbound.dispatch import send_due


class Command(BaseCommand):
    help = "Send due outbound notices (e-mail, SMS, WeCom robots), retrying failures."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000, help="at most this many sends")

    def handle(self, *args, limit, **options):
        caught = events.catch_up()
        outcomes = send_due(limit=limit)
        if caught or outcomes or options["verbosity"] > 1:
            self.stdout.write(
                f"queued late {caught}, sent {outcomes['sent']}, "
                f"to retry {outcomes['retry']}, gave up {outcomes['failed']}"
            )
