"""Group buying: the catalog, suppliers, rounds, orders, and what follows an order:
receiving, allocation, hand-out and payment."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.accounts.choices import Role
from linli.community.models import Household
from linli.groupbuy.choices import (
    Channel,
    HandoutStatus,
    PaymentMethod,
    PaymentStatus,
    RoundKind,
    RoundScope,
    RoundState,
    SupplierKind,
)
from linli.groupbuy.jielong.catalog import Catalog, CatalogProduct
from linli.groupbuy.storage import prescription_path, private_storage


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


class Supplier(models.Model):
    community = models.ForeignKey(
        "community.Community", models.CASCADE, related_name="suppliers", verbose_name=_("社区")
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=SupplierKind.choices)
    contact = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=20, blank=True)
    # Some supermarkets' systems take weights in kilograms; their purchase
    # orders show kg beside the 斤 the residents ordered in.
    wants_kg = models.BooleanField(_("采购单显示公斤"), default=False)

    class Meta:
        verbose_name = _("供应商")
        verbose_name_plural = _("供应商")
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="supplier_unique_name")
        ]

    def __str__(self):
        return self.name


class SupplierProduct(models.Model):
    """What a supplier sells and at what price; the round's bill uses this price."""

    supplier = models.ForeignKey(Supplier, models.CASCADE, related_name="offers")
    product = models.ForeignKey(Product, models.CASCADE, related_name="offers")
    price = models.DecimalField(_("单价"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("供应商商品")
        verbose_name_plural = _("供应商商品")
        constraints = [
            models.UniqueConstraint(fields=["supplier", "product"], name="offer_unique_product")
        ]

    def __str__(self):
        return f"{self.supplier} · {self.product} ¥{self.price}"


class RoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=RoundState.OPEN)

    def accepting_orders(self, now=None):
        now = now or timezone.now()
        return self.open().filter(opens_at__lte=now, closes_at__gt=now)

    def active(self):
        return self.exclude(state=RoundState.SETTLED)

    def overdue(self, now=None):
        """Still marked open although the cut-off has passed."""
        return self.open().filter(closes_at__lte=now or timezone.now())

    def visible_to(self, scope):
        """Rounds of the communities where the user works (any role but resident);
        a resident sees only the rounds whose scope covers their own household,
        not another compound's or building's."""
        if scope.is_superuser:
            return self
        working = {
            m.community_id for m in scope.memberships if m.community_id and m.role != Role.RESIDENT
        }
        visible = Q(community_id__in=working)
        households = Household.objects.filter(pk__in=scope.household_ids)
        for household in households.select_related("building__compound"):
            visible |= Q(pk__in=Round.objects.for_household(household).values("pk"))
        return self.filter(visible)

    def for_household(self, household):
        """Rounds whose scope covers this household."""
        building = household.building
        return (
            self.filter(community_id=building.compound.community_id)
            .filter(
                Q(scope=RoundScope.COMMUNITY)
                | Q(scope=RoundScope.COMPOUND, compound_id=building.compound_id)
                | Q(scope=RoundScope.BUILDINGS, buildings=building)
            )
            .distinct()
        )


class Round(models.Model):
    """A 团购批次: one ordering window, its suppliers, and everything that follows."""

    community = models.ForeignKey(
        "community.Community", models.CASCADE, related_name="rounds", verbose_name=_("社区")
    )
    title = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(
        _("类型"), max_length=20, choices=RoundKind.choices, default=RoundKind.GROCERY
    )
    scope = models.CharField(
        _("范围"), max_length=20, choices=RoundScope.choices, default=RoundScope.COMMUNITY
    )
    compound = models.ForeignKey(
        "community.Compound", models.CASCADE, null=True, blank=True, verbose_name=_("小区")
    )
    buildings = models.ManyToManyField("community.Building", blank=True, verbose_name=_("楼栋"))
    suppliers = models.ManyToManyField(Supplier, related_name="rounds", verbose_name=_("供应商"))
    opens_at = models.DateTimeField(_("开始接单"))
    closes_at = models.DateTimeField(_("截单时间"))
    state = models.CharField(
        _("状态"), max_length=20, choices=RoundState.choices, default=RoundState.OPEN
    )
    # 爱心菜: free parcels for listed households, paid from this budget.
    love_budget = models.DecimalField(
        _("爱心菜预算"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("团购批次")
        verbose_name_plural = _("团购批次")
        ordering = ["-opens_at", "-id"]

    def __str__(self):
        return self.title

    def accepts_orders(self, now=None) -> bool:
        now = now or timezone.now()
        return self.state == RoundState.OPEN and self.opens_at <= now < self.closes_at


class Order(models.Model):
    """One household's order in one round. An edit replaces its lines."""

    SCOPE_PATHS = ("household__building__", "household__")

    round = models.ForeignKey(Round, models.CASCADE, related_name="orders")
    household = models.ForeignKey(
        "community.Household", models.CASCADE, related_name="orders", verbose_name=_("住户")
    )
    channel = models.CharField(_("来源"), max_length=20, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
        verbose_name=_("录入人"),
    )  # fmt: skip
    note = models.CharField(_("备注"), max_length=200, blank=True)
    # 爱心菜: a free parcel; its cost is waived and counted against the budget.
    is_love = models.BooleanField(_("爱心菜"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("订单")
        verbose_name_plural = _("订单")
        constraints = [
            # One order per household per round: concurrent and double-tapped
            # submissions meet here and become one row.
            models.UniqueConstraint(fields=["round", "household"], name="order_one_per_household")
        ]

    def __str__(self):
        return f"{self.round} · {self.household}"


class OrderLine(models.Model):
    SCOPE_PATHS = ("order__household__building__", "order__household__")

    order = models.ForeignKey(Order, models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, models.PROTECT, related_name="+", verbose_name=_("商品"))
    quantity = models.DecimalField(_("数量"), max_digits=8, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=10)
    # Filled in when goods arrive: what this household actually gets.
    allocated = models.DecimalField(
        _("分到"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    allocation_reason = models.CharField(_("分配说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("订单明细")
        verbose_name_plural = _("订单明细")
        constraints = [
            models.UniqueConstraint(fields=["order", "product"], name="order_line_unique_product"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_line_positive"),
        ]

    def __str__(self):
        return f"{self.product} {self.quantity}{self.unit}"


class Receipt(models.Model):
    """What arrived at the gate for one product of a round, and any substitute."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="receipts")
    product = models.ForeignKey(Product, models.PROTECT, related_name="+", verbose_name=_("商品"))
    quantity = models.DecimalField(_("到货数量"), max_digits=10, decimal_places=2)
    substitute = models.ForeignKey(
        Product, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("替代商品"),
    )  # fmt: skip
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("到货记录")
        verbose_name_plural = _("到货记录")
        constraints = [
            models.UniqueConstraint(fields=["round", "product"], name="receipt_unique_product")
        ]

    def __str__(self):
        return f"{self.product} {self.quantity}"


class Handout(models.Model):
    SCOPE_PATHS = ("order__household__building__", "order__household__")

    order = models.OneToOneField(Order, models.CASCADE, related_name="handout")
    status = models.CharField(
        _("状态"), max_length=20, choices=HandoutStatus.choices, default=HandoutStatus.WAITING
    )
    # Households that cannot come down (elderly alone, in quarantine) get their
    # bag carried to the door; this marks them for a doorstep-delivery task.
    needs_doorstep = models.BooleanField(_("需要送上门"), default=False)
    collected_by = models.CharField(_("领取人"), max_length=50, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("分发")
        verbose_name_plural = _("分发")

    def __str__(self):
        return f"{self.order.household} {self.get_status_display()}"


class Payment(models.Model):
    SCOPE_PATHS = ("order__household__building__", "order__household__")

    order = models.OneToOneField(Order, models.CASCADE, related_name="payment")
    # What the household owes for what it received, not what it ordered.
    amount = models.DecimalField(_("应付"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("状态"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    method = models.CharField(_("方式"), max_length=20, choices=PaymentMethod.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("付款")
        verbose_name_plural = _("付款")

    def __str__(self):
        return f"{self.order.household} ¥{self.amount} {self.get_status_display()}"


class MedicineLine(models.Model):
    """A chronic patient's regular medicine in a medicine round.

    Seen by staff, doctors and the pharmacy only; a captain sees only that the
    household has a medicine order.
    """

    SCOPE_PATHS = ("order__household__building__", "order__household__")

    order = models.ForeignKey(Order, models.CASCADE, related_name="medicines")
    resident = models.ForeignKey(
        "community.Resident", models.CASCADE, null=True, blank=True, verbose_name=_("患者")
    )
    name = models.CharField(_("药品名称"), max_length=100)
    strength = models.CharField(_("规格"), max_length=50, blank=True)
    quantity = models.PositiveSmallIntegerField(_("数量"))
    unit = models.CharField(_("单位"), max_length=10, default="盒")
    # Health data: kept out of any public URL (storage.py), served by a checked view.
    prescription = models.FileField(
        _("处方照片"), upload_to=prescription_path, storage=private_storage, blank=True
    )

    class Meta:
        verbose_name = _("药品明细")
        verbose_name_plural = _("药品明细")

    def __str__(self):
        return f"{self.name} {self.strength} ×{self.quantity}"


class JielongImport(models.Model):
    """A pasted 接龙 post waiting for confirmation, then the record of what it did.

    Only a staging record: no order is touched until the captain confirms. The
    preview (entries matched to households and products, and the captain's fixes)
    lives in `entries`, so a fix made on a phone survives a reload.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("待确认")
        CONFIRMED = "confirmed", _("已导入")

    round = models.ForeignKey(
        Round, models.CASCADE, related_name="jielong_imports", verbose_name=_("团购批次")
    )
    text = models.TextField(_("接龙原文"))
    title = models.CharField(_("标题"), max_length=200, blank=True)
    # The building the post is about (its title's 9栋, or the captain's only
    # building): entries that give only a room are looked up there.
    building = models.ForeignKey(
        "community.Building", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("楼栋"),
    )  # fmt: skip
    entries = models.JSONField(_("解析结果"), default=list, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PREVIEW
    )
    # After confirming: which entries became orders and which were skipped, and why.
    summary = models.JSONField(_("导入结果"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("粘贴人")
    )
    created_at = models.DateTimeField(_("粘贴时间"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接龙导入")
        verbose_name_plural = _("接龙导入")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.round} · {self.title or self.pk}"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED
