"""`linli demo`: build the demo community of the source story into an empty database."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from linli.accounts.models import User
from linli.cases import demo as cases_demo
from linli.community import demo
from linli.community.models import (
    Building,
    Community,
    District,
    Household,
    Resident,
    ResidentTag,
    Street,
    Unit,
)
from linli.gate import demo as gate_demo
from linli.groupbuy import demo as groupbuy_demo
from linli.health import demo as health_demo
from linli.notices import demo as notices_demo


class Command(BaseCommand):
    help = "Build the demo community (武南村社区, 凯旋名邸) and print its demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--residents",
            type=int,
            default=demo.DEFAULT_RESIDENTS,
            help="How many residents to create (default %(default)s).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every community and the demo users first, then build again.",
        )
        parser.add_argument(
            "--logins", action="store_true", help="Only print the demo logins; change nothing."
        )

    def handle(self, *args, residents, reset, logins, **options):
        if residents < 1:
            raise CommandError(_("居民人数至少为1"))
        plan = demo.plan(residents)
        if not logins:
            self.build(plan, reset)
        self.stdout.write("\n".join(demo.login_lines(plan.logins)))

    def build(self, plan, reset):
        started = time.perf_counter()
        if Community.objects.exists() and not reset:
            raise CommandError(
                _("数据库里已经有社区了，演示数据没有写入。要清空后重建，请加 --reset。")
            )
        with transaction.atomic():
            if reset:
                self.delete_everything(plan)
            community = demo.build(plan)
            gate_demo.seed(community)
            health_demo.seed(community)
            groupbuy_demo.seed(community)
            notices_demo.seed(community)
            cases_demo.seed(community)
        self.stdout.write(
            _(
                "已建好%(community)s：%(buildings)d栋楼，%(households)d户，%(residents)d位居民，用时%(seconds).1f秒。"
            )
            % {
                "community": community.name,
                "buildings": len(plan.buildings),
                "households": len(plan.households),
                "residents": len(plan.residents),
                "seconds": time.perf_counter() - started,
            }
        )

    def delete_everything(self, plan):
        # Bottom up, one level at a time: deletions are audited, and an audit
        # entry names a household by its unit, which must still exist then.
        # Streets and districts protect their children, so they go last.
        for model in (ResidentTag, Resident, Household, Unit, Building, Community):
            model.objects.all().delete()
        Street.objects.all().delete()
        District.objects.all().delete()
        User.objects.filter(username__in=[login.username for login in plan.logins]).delete()
