"""`linli import_roster FILE --community NAME`: the web page's roster import, for
administrators. Prints the preview; writes only with --commit."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linli.community import importer
from linli.community.models import Community
from linli.community.roster import RosterFileError, parse_roster


def find_community(name: str, street: str | None = None) -> Community:
    communities = Community.objects.filter(name=name.strip())
    if street:
        communities = communities.filter(street__name=street.strip())
    found = list(communities.select_related("street")[:2])
    if not found:
        raise CommandError(_("没有名为“%(name)s”的社区") % {"name": name})
    if len(found) > 1:
        raise CommandError(_("有几个社区都叫“%(name)s”，请用 --street 指明街道") % {"name": name})
    return found[0]


class Command(BaseCommand):
    help = "Preview a roster import (.xlsx or .csv); with --commit, import it."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--community", required=True, help="The community's name.")
        parser.add_argument("--street", help="The street's name, when community names repeat.")
        parser.add_argument("--commit", action="store_true", help="Write the good rows.")
        parser.add_argument("--user", help="Username recorded in the audit trail.")

    def handle(self, *args, file, community, street, commit, user, **options):
        community = find_community(community, street)
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("没有用户名为“%(user)s”的用户") % {"user": user})
        file = Path(file)
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(_("无法读取文件：%(error)s") % {"error": exc}) from None
        try:
            roster = parse_roster(content, file.name, progress=self.progress)
        except RosterFileError as exc:
            raise CommandError(str(exc)) from None
        if not commit:
            # A preview leaves no trace, not even a staging record.
            summary = importer.build_plan(community, roster).summary()
        else:
            staged = importer.stage(community, file.name, content, actor, roster=roster)
            summary = importer.commit(staged.pk, actor, progress=self.progress)[0].summary
        self.report(summary, community, committed=commit)

    def progress(self, done: int, total: int) -> None:
        # Large files only: a few hundred rows are read before anyone waits.
        if total >= 1000:
            print(_("已检查 %(done)d / %(total)d 行") % {"done": done, "total": total},
                  file=sys.stderr, flush=True)  # fmt: skip

    def report(self, s: dict, community, committed: bool) -> None:
        out = self.stdout.write
        out(_("%(community)s：文件中%(rows)d行（表头在第%(line)d行），有问题%(bad)d行")
            % {"community": community.name, "rows": s["rows"], "line": s["header_line"],
               "bad": len(s["errors"])})  # fmt: skip
        verb = _("已") if committed else _("将")
        out(_("%(verb)s新增居民 %(new)d，更新 %(updated)d，没有变化 %(same)d")
            % {"verb": verb, "new": s["new_residents"], "updated": s["updated_residents"],
               "same": s["unchanged_residents"]})  # fmt: skip
        out(_("%(verb)s新建楼栋 %(b)d，单元 %(u)d，住户 %(h)d，小区 %(c)d")
            % {"verb": verb, "b": s["new_buildings"], "u": s["new_units"],
               "h": s["new_households"], "c": s["new_compounds"]})  # fmt: skip
        if s["errors"]:
            out(_("有问题的行（不会导入）："))
            for e in s["errors"]:
                name = f" {e['name']}" if e["name"] else ""
                out(_("第%(line)d行%(name)s：%(reason)s")
                    % {"line": e["line"], "name": name, "reason": e["reason"]})  # fmt: skip
        if not committed:
            out(_("没有写入。确认无误后加 --commit 导入。"))
