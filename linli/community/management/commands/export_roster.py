"""`linli export_roster --community NAME -o FILE`: the community's roster as .xlsx."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from linli.audit.log import record
from linli.audit.models import Action
from linli.community import importer
from linli.community.management.commands.import_roster import find_community


class Command(BaseCommand):
    help = "Export a community's roster to .xlsx (full phone and ID numbers: keep it safe)."

    def add_arguments(self, parser):
        parser.add_argument("--community", required=True, help="The community's name.")
        parser.add_argument("--street", help="The street's name, when community names repeat.")
        parser.add_argument("-o", "--output", type=Path, required=True, help="The .xlsx to write.")

    def handle(self, *args, community, street, output, **options):
        community = find_community(community, street)
        content, count = importer.export_roster(community)
        # Created private: a roster of ID numbers is not for other accounts on the server.
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        Path(output).chmod(0o600)  # an existing file keeps its mode otherwise
        record(Action.EXPORT, community, {"residents": count, "file": str(output)})
        self.stdout.write(_("已导出%(count)d位居民到 %(path)s") % {"count": count, "path": output})
