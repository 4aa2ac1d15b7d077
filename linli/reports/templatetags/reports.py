"""`{% trend_chart title chart %}` draws a chart of linli.reports.chart as inline SVG;
`{% report_links %}` puts the report on the start pages of those who read it."""

from django import template

from linli.accounts.scope import scope_of
from linli.reports import access

register = template.Library()


@register.inclusion_tag("reports/_chart.html")
def trend_chart(title, chart):
    return {"title": title, "chart": chart}


@register.inclusion_tag("reports/_links.html", takes_context=True)
def report_links(context):
    scope = scope_of(context["request"])
    return {"show": access.communities(scope).exists()}
