"""Loading the product catalog from a CSV (`name,aliases,unit,category,price`).

Safe to re-run: products are matched by name, and a second load of the same file
changes nothing and reports (0, 0).
"""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from linli.groupbuy.jielong import CatalogError, DecodeError, decode_text, read_catalog_csv
from linli.groupbuy.models import Product

DEFAULT_CATALOG = Path(__file__).resolve().parent / "data" / "catalog.csv"


class CatalogFileError(Exception):
    """A catalog file that cannot be loaded; the message says why, in the UI language."""


def catalog_error_message(error: CatalogError) -> str:
    messages = {
        "header": _("第一行必须是表头：name,aliases,unit,category,price"),
        "name": _("缺少商品名称"),
        "unit": _("缺少单位"),
        "duplicate": _("商品名称重复"),
        "price": _("价格不是有效的数字"),
    }
    text = _("第 %(line)d 行：%(problem)s") % {"line": error.line, "problem": messages[error.code]}
    return f"{text}（{error.value}）" if error.value else text


def read_catalog_file(path) -> list:
    """The products in a catalog CSV file, or CatalogFileError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        message = _("无法读取文件 %(path)s：%(error)s") % {"path": path, "error": exc.strerror}
        raise CatalogFileError(message) from None
    try:
        return read_catalog_csv(decode_text(data))
    except DecodeError:
        message = _("文件 %(path)s 不是文本（应为 UTF-8 或 GB18030 编码）") % {"path": path}
        raise CatalogFileError(message) from None
    except CatalogError as exc:
        raise CatalogFileError(catalog_error_message(exc)) from None


def load_catalog_csv(path=DEFAULT_CATALOG) -> tuple[int, int]:
    """Create or update the products in the CSV; returns (created, updated)."""
    rows = read_catalog_file(path)
    created = updated = 0
    with transaction.atomic():
        names = [row.name for row in rows]
        existing = {p.name: p for p in Product.objects.select_for_update().filter(name__in=names)}
        for row in rows:
            values = {
                "aliases": list(row.aliases),
                "unit": row.unit,
                "category": row.category,
                "price": row.price,
            }
            product = existing.get(row.name)
            if product is None:
                Product.objects.create(name=row.name, **values)
                created += 1
            elif any(getattr(product, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(product, key, value)
                product.save()
                updated += 1
    return created, updated
