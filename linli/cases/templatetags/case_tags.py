"""`{% need_case_panel need as panel %}`: what the need page says about its case.

Those who may open the case get a link to it; everyone else who sees the need
(staff, captains) learns only that a professional is on it and the case's state,
never what was said.
"""

from django import template

from linli.accounts.scope import scope_of
from linli.cases import casework
from linli.cases.models import Case

register = template.Library()


@register.simple_tag(takes_context=True)
def need_case_panel(context, need):
    case = Case.objects.filter(need=need).select_related("lead").first()
    if case is None:
        return None
    request = context["request"]
    member = case.participants.filter(user=request.user).first()
    return {
        "case": case,
        "may_open": casework.may_open(scope_of(request), case),
        "member": member,
    }
