"""The daily report pages and workbooks: a community's, and the roll-up for viewers."""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from linli.accounts.scope import scope_of
from linli.reports import access, daily, workbook
from linli.reports.present import charts, sections

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(request) -> date:
    """?date=YYYY-MM-DD, never after today; anything else reads as today."""
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return today
    return min(day, today)


def _trend_days(request) -> int:
    return 7 if request.GET.get("days") == "7" else 14


def _page(request, report, template, **context):
    today = timezone.localdate()
    days = _trend_days(request)
    context.update(
        report=report,
        day=report.day,
        today=today,
        previous_day=report.day - timedelta(days=1),
        next_day=report.day + timedelta(days=1) if report.day < today else None,
        days=days,
        charts=charts(report, days),
    )
    return render(request, template, context)


@login_required
@require_GET
def index(request):
    """Staff of one community go straight to its report; viewers get the roll-up."""
    scope = scope_of(request)
    communities = list(access.communities(scope))
    if not communities:
        raise Http404
    if len(communities) == 1 and not access.reads_rollups(scope):
        return community(request, communities[0].pk)
    streets = sorted({c.street for c in communities}, key=lambda s: s.name)
    street = request.GET.get("street", "")
    chosen = [c for c in communities if str(c.street_id) == street] or communities
    report = daily.build(chosen, _day(request))
    return _page(
        request, report, "reports/rollup.html",
        streets=streets if len(streets) > 1 else [],
        street=street if chosen is not communities else "",
        rows=report.community_rows(), sections=sections(report),
    )  # fmt: skip


def _community_report(request, pk):
    """The community (a 404 outside what the user reads) and its report on ?date=."""
    scope = scope_of(request)
    community = scope.get_or_404(access.communities(scope), pk=pk)
    return scope, community, daily.build([community], _day(request))


@login_required
@require_GET
def community(request, pk):
    scope, community, report = _community_report(request, pk)
    return _page(
        request, report, "reports/community.html", community=community,
        sections=sections(report), rollup=access.reads_rollups(scope),
    )  # fmt: skip


def _xlsx(content, name):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_GET
def community_xlsx(request, pk):
    _scope, community, report = _community_report(request, pk)
    name = _("%(name)s日报") % {"name": community} + f"-{report.day:%Y%m%d}.xlsx"
    return _xlsx(workbook.render(report, str(community)), name)


@login_required
@require_GET
def rollup_xlsx(request):
    scope = scope_of(request)
    if not access.reads_rollups(scope):
        raise Http404
    communities = list(access.communities(scope))
    street = request.GET.get("street", "")
    communities = [c for c in communities if str(c.street_id) == street] or communities
    if not communities:
        raise Http404
    report = daily.build(communities, _day(request))
    # Named by what it covers: one street, or the district of several (an unknown
    # ?street= falls back to all of them, so the parameter alone cannot tell).
    first = communities[0].street
    title = str(first) if len({c.street_id for c in communities}) == 1 else str(first.district)
    return _xlsx(
        workbook.render(report, title, rollup=True),
        _("%(name)s日报汇总") % {"name": title} + f"-{report.day:%Y%m%d}.xlsx",
    )
