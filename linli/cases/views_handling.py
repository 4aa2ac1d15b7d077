"""Staff handling a need without a case: 已联系, 办结 and 重新打开, 撤回 (handling.py).

A need outside `visible_needs` is a 404; one in sight that the user may not act on
(a captain, a professional) is a 403, as in views_assign. A refused step shows the
need page again with the message and what was typed, so nothing is lost.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.cases import handling
from linli.cases.views_needs import need_page, visible_need_or_404


def _step(request, pk, allowed, run, done_message, form):
    scope = scope_of(request)
    need = visible_need_or_404(request, pk)
    if not allowed(scope, need):
        raise PermissionDenied
    try:
        _need, changed = run(need)
    except handling.HandlingRefused as refused:
        typed = {k: request.POST.get(k, "") for k in ("note", "outcome")}
        panel = handling.panel(scope, need) or {}
        panel.update(typed=typed, error=refused.message, form=form)
        extra = {"handling": panel}
        return need_page(request, need, extra, status=400)
    if changed:
        messages.success(request, done_message)
    return redirect("cases:need", need.pk)


@require_POST
@login_required
def responded(request, pk):
    return _step(
        request, pk, handling.may_handle,
        lambda need: handling.mark_responded(need, request.user, request.POST.get("note")),
        _("已记录：社区已联系居民。"), "respond",
    )  # fmt: skip


@require_POST
@login_required
def close(request, pk):
    return _step(
        request, pk, handling.may_handle,
        lambda need: handling.close(
            need, request.user, request.POST.get("outcome", ""), request.POST.get("note")
        ),
        _("已办结。"), "close",
    )  # fmt: skip


@require_POST
@login_required
def reopen(request, pk):
    return _step(
        request, pk, handling.may_handle,
        lambda need: handling.reopen(need, request.user, request.POST.get("note")),
        _("已重新打开，需求回到待分派。"), "reopen",
    )  # fmt: skip


@require_POST
@login_required
def withdraw(request, pk):
    return _step(
        request, pk, handling.may_withdraw,
        lambda need: handling.withdraw(need, request.user, request.POST.get("note")),
        _("已撤回。"), "withdraw",
    )  # fmt: skip
