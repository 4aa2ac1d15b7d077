"""`linli purge_login_codes`: delete login records older than a day, and imports
never confirmed after `LINLI_STAGING_DAYS` days.

One-time login codes, password failures and the rate-limit lock rows are only
needed for minutes (codes live 5 minutes and count towards an hourly limit;
failures count for 15 minutes), but each holds a phone number, a username or
an address, so they are not kept longer than a day. Run it daily, e.g. from
cron as the user that runs Linli:

    17 4 * * *  cd /srv/linli && .venv/bin/linli purge_login_codes

The same run deletes uploaded rosters and pasted 接龙 still waiting for
confirmation after `LINLI_STAGING_DAYS` days (default 7): an abandoned preview
keeps a file full of names, phones and ID numbers, or a group's posts, that no
one will confirm any more. Confirmed ones stay as the record of what an import
wrote, without their file, which confirming empties.

Safe to run again at any time or from several servers at once: it only deletes
rows older than a day, which no limit or login still reads, and previews older
than the staging age.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from linli.accounts.models import LoginFailure, OneTimeCode, ThrottleLock
from linli.community.models import RosterImport
from linli.groupbuy.models import JielongImport


def purge_unconfirmed_imports(now=None) -> tuple[int, int]:
    """Delete previews older than the staging age; (rosters, 接龙) deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.LINLI_STAGING_DAYS)
    counts = []
    for model in (RosterImport, JielongImport):
        stale = model.objects.filter(status=model.Status.PREVIEW, created_at__lt=cutoff)
        counts.append(stale.delete()[1].get(model._meta.label, 0))
    return counts[0], counts[1]


class Command(BaseCommand):
    help = (
        "Delete one-time login codes, login failures and rate-limit locks older than a day, "
        "and roster and jielong imports left unconfirmed longer than LINLI_STAGING_DAYS."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            codes, _ = OneTimeCode.objects.stale().delete()
            failures, _ = LoginFailure.objects.stale().delete()
            locks, _ = ThrottleLock.objects.stale().delete()
            rosters, jielong = purge_unconfirmed_imports()
        self.stdout.write(
            f"Deleted login codes: {codes}, login failures: {failures}, rate-limit locks: {locks}."
        )
        self.stdout.write(
            f"Deleted imports unconfirmed for over {settings.LINLI_STAGING_DAYS} days: "
            f"rosters: {rosters}, jielong: {jielong}."
        )
