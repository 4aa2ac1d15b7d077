"""Staff and doctors' pages for one person: visit outcomes, the category
history, transfers and quarantine. Everything here is health detail, so every
query goes through `access.detail_filter`, and nothing outside it exists (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.audit.log import record
from linli.audit.models import Action
from linli.community.models import Resident
from linli.health import access
from linli.health.forms import (
    CategoryForm,
    FollowUpForm,
    QuarantineEndForm,
    QuarantineForm,
    TransferForm,
    VisitForm,
)
from linli.health.models import (
    CategoryEntry,
    CheckIn,
    Quarantine,
    Transfer,
    VisitTask,
    with_category,
)


def _detail_or_404(request, queryset, **lookup):
    found = access.detail_filter(scope_of(request), queryset).filter(**lookup).first()
    if found is None:
        raise Http404
    return found


@login_required
def person(request, pk, forms=None):
    resident = _detail_or_404(request, with_category(Resident.objects.with_details()), pk=pk)
    # Categories, readings and transfers are health data: each look is on the
    # resident's audit log (a re-shown form after a typo is the same look).
    if not forms:
        record(Action.VIEW_HEALTH, resident, user=request.user)
    forms = forms or {}
    quarantines = resident.quarantines.prefetch_related("changes", "follow_ups")
    context = {
        "resident": resident,
        "checkins": CheckIn.objects.filter(resident=resident)[:14],
        "history": CategoryEntry.objects.filter(resident=resident).select_related("recorded_by"),
        "tasks": VisitTask.objects.filter(resident=resident).order_by("-opened_at")[:5],
        "transfers": resident.transfers.all(),
        "quarantines": quarantines,
        "category_form": forms.get("category") or CategoryForm(),
        "transfer_form": forms.get("transfer") or TransferForm(),
        "quarantine_form": forms.get("quarantine") or QuarantineForm(),
        "end_form": forms.get("end") or QuarantineEndForm(),
        "follow_up_form": forms.get("follow_up") or FollowUpForm(),
        "today": timezone.localdate(),
    }
    return render(request, "health/person.html", context, status=400 if forms else 200)


@login_required
def visit(request, pk):
    task = _detail_or_404(request, VisitTask.objects.select_related("resident", "checkin"), pk=pk)
    form = VisitForm(request.POST or None)
    if request.method == "POST" and task.is_open and form.is_valid():
        data = form.cleaned_data
        task.close(data["outcome"], request.user, data["note"], data["category"] or None)
        messages.success(request, _("已记录上门结果"))
        return redirect("health:dashboard")
    return render(request, "health/visit.html", {"task": task, "form": form})


@require_POST
@login_required
def category_add(request, pk):
    resident = _detail_or_404(request, Resident.objects.all(), pk=pk)
    form = CategoryForm(request.POST)
    if not form.is_valid():
        return person(request, pk, {"category": form})
    CategoryEntry.objects.create(
        resident=resident, household_id=resident.household_id, recorded_by=request.user,
        **form.cleaned_data,
    )  # fmt: skip
    return redirect("health:person", pk)


@require_POST
@login_required
def transfer_request(request, pk):
    resident = _detail_or_404(request, Resident.objects.all(), pk=pk)
    Transfer.request(resident, request.user)
    return redirect("health:person", pk)


@require_POST
@login_required
def transfer_advance(request, pk):
    transfer = _detail_or_404(request, Transfer.objects.all(), pk=pk)
    form = TransferForm(request.POST)
    if not form.is_valid() or form.cleaned_data["stage"] not in transfer.next_stages:
        form.is_valid() and form.add_error("stage", _("转运不能跳到这一步。"))
        return person(request, transfer.resident_id, {"transfer": form})
    data = form.cleaned_data
    transfer.advance(data["stage"], request.user, data["destination"], data["site"])
    return redirect("health:person", transfer.resident_id)


@require_POST
@login_required
def quarantine_start(request, pk):
    resident = _detail_or_404(request, Resident.objects.all(), pk=pk)
    form = QuarantineForm(request.POST)
    if not form.is_valid():
        return person(request, pk, {"quarantine": form})
    Quarantine.begin(resident, by=request.user, **form.cleaned_data)
    return redirect("health:person", pk)


@require_POST
@login_required
def quarantine_end(request, pk):
    quarantine = _detail_or_404(request, Quarantine.objects.active(), pk=pk)
    form = QuarantineEndForm(request.POST)
    if not form.is_valid():
        return person(request, quarantine.resident_id, {"end": form})
    quarantine.change_end(form.cleaned_data["new_end"], form.cleaned_data["reason"], request.user)
    return redirect("health:person", quarantine.resident_id)


@require_POST
@login_required
def follow_up(request, pk):
    quarantine = _detail_or_404(request, Quarantine.objects.active(), pk=pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return person(request, quarantine.resident_id, {"follow_up": form})
    quarantine.follow_up(form.cleaned_data["outcome"], request.user, form.cleaned_data["note"])
    return redirect("health:person", quarantine.resident_id)


@require_POST
@login_required
def release(request, pk):
    quarantine = _detail_or_404(request, Quarantine.objects.active(), pk=pk)
    quarantine.release(request.user)
    messages.success(request, _("已解除隔离"))
    return redirect("health:person", quarantine.resident_id)
