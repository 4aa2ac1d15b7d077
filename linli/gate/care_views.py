"""Returnees from elsewhere (摸排) and disinfection rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.community.models import Household
from linli.gate import access
from linli.gate.forms import DisinfectionForm, ReturneeForm
from linli.gate.models import DisinfectionLog, Place, Returnee


@login_required
def returnees(request):
    scope = scope_of(request)
    if access.communities(scope, access.RETURNEE_ROLES) == set():
        raise Http404
    households = access.returnee_filter(
        scope, Household.objects.all(), "building__compound__community_id"
    )
    form = ReturneeForm(households, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.recorded_by = request.user
        form.save()
        messages.success(request, _("已登记返回人员"))
        return redirect("gate:returnees")
    today = timezone.localdate()
    watched = access.returnee_filter(scope, Returnee.objects.under_observation(today))
    watched = watched.select_related("household__building", "household__unit")
    rows = [(r, r.days_left(today)) for r in watched]
    return render(request, "gate/returnees.html", {"form": form, "rows": rows})


@login_required
def disinfection(request):
    scope = scope_of(request)
    if access.communities(scope, access.DISINFECTION_ROLES) == set():
        raise Http404
    now = timezone.now()
    places = access.disinfection_filter(scope, Place.objects.select_related("building"))
    rows = [(p, p.is_due(now)) for p in places.with_last_done()]
    rows.sort(key=lambda row: (not row[1], row[0].kind, row[0].name))
    context = {
        "rows": rows,
        "due_count": sum(due for _place, due in rows),
        "form": DisinfectionForm(),
        "recent": DisinfectionLog.objects.filter(place__in=places).select_related(
            "place", "done_by"
        )[:30],
    }
    return render(request, "gate/disinfection.html", context)


@login_required
@require_POST
def disinfect(request, pk):
    scope = scope_of(request)
    try:
        place = access.disinfection_filter(scope, Place.objects.all()).get(pk=pk)
    except Place.DoesNotExist:
        raise Http404 from None
    form = DisinfectionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    DisinfectionLog.objects.create(place=place, done_by=request.user, note=note)
    messages.success(request, _("已登记：%(place)s 消杀完成") % {"place": place.name})
    return redirect("gate:disinfection")
