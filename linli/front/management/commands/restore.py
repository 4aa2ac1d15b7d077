"""`linli restore FILE`: put a backup of `linli backup` in place of the
database's contents. Stop the server first. Refuses to overwrite a database
that holds data unless told --yes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linli.front.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `linli backup` into the configured database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Overwrite a database that already holds data."
        )

    def handle(self, *args, file, yes, **options):
        try:
            found = restore(file, yes=yes)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("已从 %(file)s 恢复：%(households)d户，%(residents)d位居民，%(users)d个账号")
            % {"file": file, **found}
        )
        self.stdout.write(_("如果备份来自旧版本，请接着运行 linli migrate。"))
