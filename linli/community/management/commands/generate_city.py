"""`linli generate_city --residents N`: a generated city for benchmarks and load tests."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linli.community import citygen


class Command(BaseCommand):
    help = (
        "Generate a city (districts, streets, communities of about 3,000 residents, "
        "buildings, households, residents, staff and captain logins) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, required=True, help="How many residents.")
        parser.add_argument(
            "--communities",
            type=int,
            default=None,
            help=f"How many communities (default: one per "
            f"{citygen.RESIDENTS_PER_COMMUNITY} residents).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same city.")
        parser.add_argument(
            "--append", action="store_true", help="Add communities to a city already there."
        )

    def handle(self, *args, residents, communities, seed, append, **options):
        if residents < 1:
            raise CommandError(_("居民人数至少为1"))
        if communities is not None and communities < 1:
            raise CommandError(_("社区数至少为1"))
        started = time.perf_counter()

        def progress(done, total):
            elapsed = time.perf_counter() - started
            self.stdout.write(f"  {done:,}/{total:,} residents, {elapsed:.0f} s")

        try:
            counts = citygen.generate(residents, communities, seed, append, progress)
        except citygen.CityExists as exists:
            raise CommandError(
                _(
                    "数据库里已经有生成的城市了（%(n)s个社区），没有写入。"
                    "要追加社区，请加 --append。"
                )  # fmt: skip
                % {"n": exists.args[0]}
            ) from None
        except ValueError as problem:
            raise CommandError(str(problem)) from None
        elapsed = time.perf_counter() - started
        self.stdout.write(
            _("已生成：%(communities)s个社区，%(buildings)s栋楼，%(households)s户，"
              "%(residents)s位居民，%(users)s个账号，用时%(seconds).1f秒。")
            % {**counts, "seconds": elapsed}
        )  # fmt: skip
