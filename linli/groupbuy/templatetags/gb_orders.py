"""`{{ line.quantity|qty }}`: 2, 1.5, 0.25 (no trailing zeros, never 1E+1)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def qty(value):
    if value in (None, ""):
        return ""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
