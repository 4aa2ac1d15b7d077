"""Start-page links to the after-cut-off work of roles that have no registry pages:
volunteers carry bags, doctors and the pharmacy handle medicine, suppliers read
their purchase orders."""

from django import template

from linli.accounts.choices import Role
from linli.accounts.scope import scope_of
from linli.groupbuy import access
from linli.groupbuy.choices import RoundKind, RoundState
from linli.groupbuy.models import Round

register = template.Library()

HANDING_OUT = (RoundState.RECEIVED, RoundState.HANDED_OUT)
PURCHASING = (RoundState.CLOSED, RoundState.ORDERED, RoundState.RECEIVED)


@register.inclusion_tag("groupbuy/handout_links.html", takes_context=True)
def fulfil_links(context):
    scope = scope_of(context["request"])
    links = []
    rounds = Round.objects.visible_to(scope).active().prefetch_related("suppliers")
    for round_ in rounds:
        if round_.state in HANDING_OUT and access.may(scope, {Role.VOLUNTEER}, round_.community_id):
            links.append((round_, "fulfil", None))
        if round_.kind == RoundKind.MEDICINE and access.may_read_medicine(scope, round_):
            links.append((round_, "medicine", None))
        if round_.state in PURCHASING:
            for supplier in round_.suppliers.all():
                if supplier.pk in access.supplier_ids(scope):
                    links.append((round_, "po", supplier))
    return {"links": links}
