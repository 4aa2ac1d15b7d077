"""`linli purge_login_codes`: delete login records older than a day.

One-time login codes, password failures and the rate-limit lock rows are only
needed for minutes (codes live 5 minutes and count towards an hourly limit;
failures count for 15 minutes), but each holds a phone number, a username or
an address, so they are not kept longer than a day. Run it daily, e.g. from
cron as the user that runs Linli:

    17 4 * * *  cd /srv/linli && .venv/bin/linli purge_login_codes

Safe to run again at any time or from several servers at once: it only deletes
rows older than a day, which no limit or login still reads.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from linli.accounts.models import LoginFailure, OneTimeCode, ThrottleLock


class Command(BaseCommand):
    help = "Delete one-time login codes, login failures and rate-limit locks older than a day."

    def handle(self, *args, **options):
        with transaction.atomic():
            codes, _ = OneTimeCode.objects.stale().delete()
            failures, _ = LoginFailure.objects.stale().delete()
            locks, _ = ThrottleLock.objects.stale().delete()
        self.stdout.write(
            f"Deleted login codes: {codes}, login failures: {failures}, rate-limit locks: {locks}."
        )
