"""`linli import_catalog CSV`: create or update products from a catalog CSV; safe to
re-run."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from linli.groupbuy.catalog_io import CatalogFileError, load_catalog_csv


class Command(BaseCommand):
    help = "Load products from a CSV (name,aliases,unit,category,price); safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("csv")

    def handle(self, *args, csv, **options):
        try:
            created, updated = load_catalog_csv(csv)
        except CatalogFileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("商品目录已导入：新增 %(created)d 个，更新 %(updated)d 个。")
            % {"created": created, "updated": updated}
        )
