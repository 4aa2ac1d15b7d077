"""Forms of the after-cut-off pages: receiving, hand-out, payments, medicine."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from linli.front.uploads import check_photo
from linli.groupbuy.choices import HandoutStatus, PaymentMethod, PaymentStatus
from linli.groupbuy.models import MedicineLine, Product

QUANTITY_ERRORS = {
    "required": _("请填写到货数量，没到货填 0"),
    "invalid": _("请填写数字，例如 30 或 12.5"),
    "min_value": _("到货数量不能是负数"),
    "max_digits": _("数字太大了，请检查"),
    "max_decimal_places": _("最多两位小数"),
}


class ReceiveForm(forms.Form):
    """One quantity and an optional substitute per product ordered in the round."""

    def __init__(self, *args, totals, receipts, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        substitutes = Product.objects.order_by("category", "name")
        for row in totals:
            pid = row["product_id"]
            receipt = receipts.get(pid)
            quantity = forms.DecimalField(
                label=row["product__name"], min_value=Decimal(0), max_digits=10,
                decimal_places=2, error_messages=QUANTITY_ERRORS,
                initial=receipt.quantity if receipt else row["total"],
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            )  # fmt: skip
            substitute = forms.ModelChoiceField(
                substitutes, required=False, label=_("替代商品"), empty_label=_("无替代"),
                initial=receipt.substitute_id if receipt else None,
            )  # fmt: skip
            self.fields[f"qty_{pid}"] = quantity
            self.fields[f"sub_{pid}"] = substitute
            self.rows.append((row, self[f"qty_{pid}"], self[f"sub_{pid}"]))

    def arrivals(self):
        """(product id, quantity, substitute) for each product."""
        for row, _qty, _sub in self.rows:
            pid = row["product_id"]
            yield pid, self.cleaned_data[f"qty_{pid}"], self.cleaned_data[f"sub_{pid}"]


class HandoutForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(HandoutStatus.PICKED_UP, HandoutStatus.PICKED_UP.label),
                 (HandoutStatus.DELIVERED, HandoutStatus.DELIVERED.label)],
    )  # fmt: skip
    collected_by = forms.CharField(label=_("领取人"), max_length=50, required=False)


class PaymentForm(forms.Form):
    status = forms.ChoiceField(choices=PaymentStatus.choices)
    method = forms.ChoiceField(choices=PaymentMethod.choices, required=False)


# A phone photo is a few megabytes; anything far bigger is not a prescription.
MAX_PRESCRIPTION_BYTES = 8 * 1024 * 1024
PRESCRIPTION_TYPES = {".jpg", ".jpeg", ".png", ".heic", ".webp", ".pdf"}


class MedicineForm(forms.ModelForm):
    household = forms.ModelChoiceField(
        queryset=None, label=_("住户"), empty_label=_("请选择住户"),
        error_messages={"required": _("请选择住户")},
    )  # fmt: skip

    class Meta:
        model = MedicineLine
        fields = ["name", "strength", "quantity", "unit", "prescription"]
        error_messages = {
            "name": {"required": _("请填写药品名称")},
            "quantity": {"required": _("请填写数量"), "invalid": _("数量请填整数")},
        }

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
        self.fields["household"].label_from_instance = lambda h: h.address
        self.order_fields(["household", *self.Meta.fields])

    def clean_prescription(self):
        photo = self.cleaned_data.get("prescription")
        if photo and hasattr(photo, "size"):
            suffix = "." + photo.name.rsplit(".", 1)[-1].lower() if "." in photo.name else ""
            if suffix not in PRESCRIPTION_TYPES:
                raise forms.ValidationError(_("处方请上传照片（jpg、png）或 PDF"))
            if photo.size > MAX_PRESCRIPTION_BYTES:
                raise forms.ValidationError(_("照片太大了（最多 8 MB），请重新拍一张"))
            # The name says photo; the bytes must too (not a renamed .exe or page).
            check_photo(photo, MAX_PRESCRIPTION_BYTES, allow_pdf=True)
        return photo
