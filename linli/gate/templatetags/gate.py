import segno
from django import template
from django.utils.safestring import mark_safe

from linli.accounts.choices import Role
from linli.accounts.scope import scope_of
from linli.gate import access

register = template.Library()


@register.simple_tag
def qr_svg(code):
    """The pass code as an inline SVG QR code; CSS sizes it (no fixed width)."""
    # make_qr, not make: a code this short would become a Micro QR, which common
    # scanners and phone cameras do not read.
    qr = segno.make_qr(code, error="m")
    return mark_safe(qr.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr"))  # noqa: S308


@register.inclusion_tag("gate/_links.html", takes_context=True)
def gate_links(context):
    """Links to the gate pages this user works with, for any role's start page."""
    request = context["request"]
    scope = scope_of(request)
    return {
        "desk": access.works_gate(scope),
        "passes": scope.is_superuser or scope.has_role(*access.ISSUER_ROLES, Role.RESIDENT),
        "returnees": access.communities(scope, access.RETURNEE_ROLES) != set(),
        "disinfection": access.communities(scope, access.DISINFECTION_ROLES) != set(),
        "resident_only": scope.roles == {Role.RESIDENT},
    }
