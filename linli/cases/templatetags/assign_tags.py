"""`{% need_assign_panel need as panel %}`: the need page's assignment panel.

Suggestions, the offer and its answers for supervisors and community staff;
accept or decline for the offered professional; nothing for anyone else.
"""

from django import template

from linli.cases.views_assign import panel_context

register = template.Library()


@register.simple_tag(takes_context=True)
def need_assign_panel(context, need):
    return panel_context(context["request"], need)
