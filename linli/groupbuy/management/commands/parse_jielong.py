"""`linli parse_jielong [--catalog CSV] FILE`: print a pasted 接龙 as JSON.

Exit 0 with the JSON on stdout; exit 2 with one line on stderr when the file cannot
be read or is not text.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from linli.groupbuy.catalog_io import CatalogFileError, read_catalog_file
from linli.groupbuy.jielong import Catalog, DecodeError, decode_text, parse
from linli.groupbuy.models import Product


class Command(BaseCommand):
    help = "Parse a pasted 接龙 (group-solitaire) order post and print it as JSON."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="the pasted post; - reads standard input")
        parser.add_argument(
            "--catalog", help="catalog CSV (name,aliases,unit,category,price); default: database"
        )

    def handle(self, *args, file, catalog=None, **options):
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("无法读取文件 %(path)s：%(error)s") % {"path": file, "error": exc.strerror},
                returncode=2,
            ) from None
        try:
            text = decode_text(data)
        except DecodeError:
            raise CommandError(
                _("文件 %(path)s 不是文本（应为 UTF-8 或 GB18030 编码）") % {"path": file},
                returncode=2,
            ) from None
        del data
        parse(text, self.catalog(catalog)).write_json(self.stdout.write)

    def catalog(self, path) -> Catalog:
        if path:
            try:
                return Catalog(read_catalog_file(path))
            except CatalogFileError as exc:
                raise CommandError(str(exc), returncode=2) from None
        try:
            return Product.objects.catalog()
        except DatabaseError:
            # No database yet (or not migrated): parse without a catalog.
            return Catalog()
