"""Roster import (upload → preview → confirm) and export, for community staff.

Only users who may edit a community's registry reach these pages; everyone
else gets 404, so the pages do not even confirm that a community exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from linli.accounts.scope import scope_of
from linli.audit.context import client_address
from linli.audit.log import record
from linli.audit.models import Action
from linli.community import importer
from linli.community.models import Community, RosterImport
from linli.community.reasons import Reason
from linli.community.roster_forms import RosterUploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIELD_LABELS = {
    "name": gettext_lazy("姓名"), "phone": gettext_lazy("电话"), "sex": gettext_lazy("性别"),
    "birth_year": gettext_lazy("出生年份"), "id_number": gettext_lazy("身份证号"),
    "relation": gettext_lazy("与户主关系"), "note": gettext_lazy("备注"),
    "household": gettext_lazy("住址"), "tags": gettext_lazy("标签"),
}  # fmt: skip


def editable_communities(request):
    scope = scope_of(request)
    communities = scope.filter(Community)
    if not scope.is_superuser:
        communities = communities.filter(pk__in=scope.editable_community_ids)
    return communities.order_by("name")


@login_required
def roster_import(request):
    communities = editable_communities(request)
    if not communities:
        raise Http404
    form = RosterUploadForm(request.POST or None, request.FILES or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        url = reverse("community:roster_preview", args=[form.save(request.user).pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    recent = RosterImport.objects.editable_by(scope_of(request)).select_related("community")
    context = {"form": form, "communities": communities, "recent": recent[:10]}
    if request.htmx:
        return render(request, "community/roster_import_form.html", context)
    return render(request, "community/roster_import.html", context)


@login_required
def roster_preview(request, pk):
    staged = get_object_or_404(RosterImport.objects.editable_by(scope_of(request)), pk=pk)
    if request.method == "POST":
        staged, applied = importer.commit(staged.pk, request.user, client_address(request))
        if applied:
            messages.success(request, _("导入完成。"))
        else:
            messages.info(request, _("这份花名册已经导入过，没有再次写入。"))
        return redirect("community:roster_preview", pk=staged.pk)
    summary = staged.summary
    updates = [
        dict(u, fields=_list(FIELD_LABELS[f] for f in u["fields"]))
        for u in summary.get("updates", [])
    ]
    errors = [dict(e, reason=_reason(e)) for e in summary.get("errors", [])]
    columns = _list(_(c) for c in summary.get("columns", []))
    context = {
        "staged": staged, "s": summary, "updates": updates, "errors": errors, "columns": columns,
    }  # fmt: skip
    return render(request, "community/roster_preview.html", context)


def _list(words) -> str:
    # Translators: separates the items of a list, as in 姓名、电话.
    return _("、").join(map(str, words))


def _reason(error: dict) -> str:
    """Why a row is refused, in the reader's language."""
    if "reasons" not in error:  # staged before reasons were kept apart: Chinese only
        return error["reason"]
    # Translators: separates several problems found in one roster row.
    return _("；").join(Reason.from_data(r).render(_) for r in error["reasons"])


@login_required
@require_GET
def roster_export(request):
    communities = editable_communities(request)
    chosen = request.GET.get("community", "")
    if chosen.isdigit():
        community = get_object_or_404(communities, pk=int(chosen))
    elif len(communities) == 1:
        community = communities[0]
    else:
        raise Http404
    content, count = importer.export_roster(community)
    record(Action.EXPORT, community, {"residents": count}, user=request.user)
    response = HttpResponse(content, content_type=XLSX)
    name = f"{community.name}花名册-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "no-store"  # a roster of ID numbers stays out of caches
    return response
