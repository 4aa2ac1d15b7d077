"""The professionals registry: for supervisors (督导) and community staff.

Each sees and edits the professionals serving their own communities, and can
only give or take away those communities; a professional serving none of them
does not exist here (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.scope import scope_of
from linli.cases import access
from linli.cases.choices import Specialty
from linli.cases.forms_professionals import ProfessionalForm
from linli.cases.models import Professional
from linli.community.models import Community


def _editor_communities(request):
    """The communities whose professionals this user keeps, or 404."""
    scope = scope_of(request)
    if scope.is_superuser:
        return Community.objects.all()
    ids = access.staff_community_ids(scope) | access.supervised_community_ids(scope)
    if not ids:
        raise Http404
    return Community.objects.filter(pk__in=ids)


def _in(communities):
    return Professional.objects.filter(communities__in=communities).distinct()


@login_required
def professional_list(request):
    communities = _editor_communities(request)
    pros = list(_in(communities).with_load().prefetch_related("communities"))
    now, labels = timezone.now(), dict(Specialty.choices)
    for pro in pros:
        pro.is_on_duty = pro.on_duty(now)
        pro.is_full = pro.open_cases >= pro.capacity
        pro.specialty_labels = [labels.get(s, s) for s in pro.specialties or ()]
    return render(request, "cases/professional_list.html", {"professionals": pros})


def _form_page(request, form, pro=None):
    status = 400 if form.is_bound else 200
    return render(
        request, "cases/professional_form.html", {"form": form, "pro": pro}, status=status
    )


@login_required
def professional_add(request):
    communities = _editor_communities(request)
    form = ProfessionalForm(request.POST or None, communities=communities, editor=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            pro = form.save()
        messages.success(request, _("已登记 %(name)s。") % {"name": pro.name})
        return redirect("cases:professionals")
    return _form_page(request, form)


@login_required
def professional_edit(request, pk):
    communities = _editor_communities(request)
    pro = _in(communities).filter(pk=pk).first()
    if pro is None:
        raise Http404
    form = ProfessionalForm(request.POST or None, instance=pro, communities=communities)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("已保存。"))
        return redirect("cases:professionals")
    return _form_page(request, form, pro)
