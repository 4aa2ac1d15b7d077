from django import template
from django.template.loader import select_template

register = template.Library()


@register.simple_tag(takes_context=True)
def optional_include(context, name):
    """Include `name` if it exists. Lets base.html carry a slot for a fragment
    another part of Linli provides (the language switcher) before it lands."""
    try:
        found = select_template([name])
    except template.TemplateDoesNotExist:
        return ""
    return found.render(context.flatten(), context.get("request"))
