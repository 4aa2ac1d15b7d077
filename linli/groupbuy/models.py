"""Group buying: the product catalog (orders, rounds and suppliers come later)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from linli.groupbuy.jielong.catalog import Catalog, CatalogProduct


class ProductQuerySet(models.QuerySet):
    def catalog(self) -> Catalog:
        """These products as the 接龙 parser's catalog."""
        return Catalog(product.as_catalog_product() for product in self)


class Product(models.Model):
    name = models.CharField(_("名称"), max_length=50, unique=True)
    # Other names residents use for it (白菜 for 大白菜, 番茄 for 西红柿); the 接龙
    # parser maps them to this product.
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    unit = models.CharField(_("默认单位"), max_length=10)
    category = models.CharField(_("分类"), max_length=20, blank=True)
    price = models.DecimalField(_("单价"), max_digits=8, decimal_places=2, null=True, blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("商品")
        verbose_name_plural = _("商品")
        ordering = ["category", "name"]

    def __str__(self):
        return self.name

    def as_catalog_product(self) -> CatalogProduct:
        return CatalogProduct(
            self.name, self.unit, tuple(self.aliases or ()), self.category, self.price
        )
