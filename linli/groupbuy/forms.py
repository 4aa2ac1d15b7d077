"""Forms of rounds, suppliers and the order cart. Bad input gets a Chinese message
and loses nothing: every form re-renders with what was typed."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.community.models import Building, Compound
from linli.groupbuy.choices import RoundScope
from linli.groupbuy.models import Product, Round, Supplier, SupplierProduct
from linli.groupbuy.orderlines import LineProblem, check_quantity

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A phone's own date-and-time picker (datetime-local), in Wuhan time."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT)
    input_formats = [DATETIME_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class RoundForm(forms.ModelForm):
    opens_at = LocalDateTimeField(label=_("开始接单"))
    closes_at = LocalDateTimeField(
        label=_("截单时间"), help_text=_("到了这个时间，系统不再接受下单。")
    )

    class Meta:
        model = Round
        fields = [
            "title", "kind", "scope", "compound", "buildings", "suppliers",
            "opens_at", "closes_at", "love_budget",
        ]  # fmt: skip
        widgets = {
            "buildings": forms.CheckboxSelectMultiple,
            "suppliers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.community = community
        self.fields["compound"].queryset = Compound.objects.filter(community=community)
        self.fields["buildings"].queryset = Building.objects.filter(
            compound__community=community
        ).select_related("compound")
        self.fields["buildings"].label_from_instance = lambda b: f"{b.compound.name} {b.label}"
        self.fields["suppliers"].queryset = Supplier.objects.filter(community=community)
        self.fields["title"].widget.attrs["placeholder"] = _("例如：2月20日蔬菜团购")

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("截单时间要晚于开始接单时间。"))
        scope = data.get("scope")
        if scope == RoundScope.COMPOUND and not data.get("compound"):
            self.add_error("compound", _("范围是小区时，请选一个小区。"))
        if scope == RoundScope.BUILDINGS and not data.get("buildings"):
            self.add_error("buildings", _("范围是指定楼栋时，请至少选一栋。"))
        return data


class ReopenForm(forms.Form):
    closes_at = LocalDateTimeField(label=_("新的截单时间"))


class SupplierForm(forms.ModelForm):
    class Meta:
        model = Supplier
        fields = ["name", "kind", "contact", "phone", "wants_kg"]

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.community = community

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Supplier.objects.filter(community=self.instance.community, name=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("已经有叫这个名字的供应商了。"))
        return name


class OffersForm(forms.Form):
    """One price box per catalog product; a blank box means the supplier does not sell it."""

    def __init__(self, *args, supplier, **kwargs):
        super().__init__(*args, **kwargs)
        self.supplier = supplier
        self.products = list(Product.objects.order_by("category", "name"))
        prices = dict(supplier.offers.values_list("product_id", "price")) if supplier.pk else {}
        for product in self.products:
            self.fields[f"p{product.pk}"] = forms.DecimalField(
                label=f"{product.name}（{product.unit}）", required=False,
                min_value=Decimal("0.01"), max_digits=8, decimal_places=2,
                initial=prices.get(product.pk),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
            )  # fmt: skip

    def by_category(self):
        groups: dict[str, list] = {}
        for product in self.products:
            groups.setdefault(product.category or "", []).append(self[f"p{product.pk}"])
        return list(groups.items())

    def save(self):
        for product in self.products:
            price = self.cleaned_data.get(f"p{product.pk}")
            offers = SupplierProduct.objects.filter(supplier=self.supplier, product=product)
            if price is None:
                offers.delete()
            else:
                SupplierProduct.objects.update_or_create(
                    supplier=self.supplier, product=product, defaults={"price": price}
                )


class Cart:
    """The quantities typed on the order page: `q<product id>` fields, one per product.

    Not a Django form: the catalog decides the fields, a stepper press changes one
    of them, and a bad number must stay on screen as typed beside its message.
    """

    def __init__(self, products, data=None, initial=None):
        self.products = list(products)
        self.raw = {}
        self.errors = {}
        for product in self.products:
            key = f"q{product.pk}"
            if data is not None:
                self.raw[product.pk] = (data.get(key) or "").strip()
            elif initial and product.pk in initial:
                self.raw[product.pk] = f"{initial[product.pk]:g}"
            else:
                self.raw[product.pk] = ""

    def step(self, product_id: int, delta: int):
        """A +/- press: whole steps, never below zero."""
        current = self.raw.get(product_id, "")
        try:
            value = Decimal(current or "0")
        except ArithmeticError:
            value = Decimal(0)
        if product_id in self.raw:
            self.raw[product_id] = f"{max(value + delta, Decimal(0)):g}"

    def lines(self):
        """[(product, quantity, unit)] of the products with a quantity; fills errors."""
        self.errors = {}
        chosen = []
        for product in self.products:
            raw = self.raw[product.pk]
            if raw in ("", "0"):
                continue
            try:
                chosen.append((product, check_quantity(raw, product), product.unit))
            except LineProblem as problem:
                self.errors[product.pk] = (
                    _("数量太多了") if problem.code == "too_many" else _("请填一个大于0的数")
                )
        return chosen

    def rows(self):
        """(product, typed quantity, error) grouped by category, for the template."""
        groups: dict[str, list] = {}
        for product in self.products:
            row = (product, self.raw[product.pk], self.errors.get(product.pk))
            groups.setdefault(product.category or "", []).append(row)
        return list(groups.items())
