"""`linli backup [DEST]`: a consistent copy of the database, readable by its
owner only, into DEST (var/backups by default); prints the file it wrote."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from linli.front.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump) into DEST; prints the file."

    def add_arguments(self, parser):
        parser.add_argument(
            "dest", nargs="?", type=Path, default=Path(settings.BASE_DIR) / "var" / "backups",
            help="Directory for the backup (default: var/backups).",
        )  # fmt: skip

    def handle(self, *args, dest, **options):
        try:
            target = backup(dest)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(target))
