"""`linli daily_report [--date YYYY-MM-DD] [--community ID]`: store the day's report
of every community (or one). Run each evening; safe to re-run, since a second run
replaces the stored figures of that day instead of adding rows."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from linli.community.models import Community
from linli.reports import daily


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from None


class Command(BaseCommand):
    help = "Generate (or regenerate) the daily report snapshots for a date (default: today)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", dest="day", type=_date, help="YYYY-MM-DD, default today (Asia/Shanghai)"
        )
        parser.add_argument("--community", type=int, help="only this community's id")
        parser.add_argument(
            "--days", type=int, default=1, help="this many days ending with --date (to backfill)"
        )

    def handle(self, *args, day=None, community=None, days=1, **options):
        # call_command(date="…") passes the text as typed, unparsed.
        day = _date(day) if isinstance(day, str) else day or timezone.localdate()
        if day > timezone.localdate():
            raise CommandError("a report cannot be made for a day still to come")
        communities = Community.objects.order_by("pk")
        if community is not None:
            communities = communities.filter(pk=community)
            if not communities.exists():
                raise CommandError(f"no community with id {community}")
        for back in reversed(range(max(days, 1))):
            one = day - timedelta(days=back)
            n = daily.snapshot(communities, one)
            self.stdout.write(f"{one}: {n} communities")
