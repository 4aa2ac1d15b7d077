"""Pasting a 接龙 post: paste → preview (fix in place with htmx) → confirm.

Captains, area leaders and staff only; anyone else gets 404. A staged import is
its author's own, and every household in it comes from the author's scope.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from linli.accounts.scope import scope_of
from linli.groupbuy import jielong_import as service
from linli.groupbuy.choices import Channel
from linli.groupbuy.ordering import OrderRefused

# A long post is a few hundred lines; this is far past any real one.
MAX_PASTE = 200_000


class PasteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("接龙内容"),
        max_length=MAX_PASTE,
        widget=forms.Textarea(attrs={"rows": 12, "autofocus": True}),
        error_messages={"required": gettext_lazy("请把群里的接龙整段粘贴进来。")},
    )


def _importer_scope(request):
    scope = scope_of(request)
    if not (scope.is_superuser or scope.has_role(*service.IMPORTER_ROLES)):
        raise Http404
    return scope


@login_required
def rounds(request):
    scope = _importer_scope(request)
    open_rounds = service.importable_rounds(scope).accepting_orders()
    return render(request, "groupbuy/jielong_rounds.html", {"rounds": open_rounds})


@login_required
def paste(request, round_pk):
    scope = _importer_scope(request)
    round_ = get_object_or_404(service.importable_rounds(scope), pk=round_pk)
    form = PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staged = service.stage(round_, form.cleaned_data["text"], request.user, scope)
        if staged.entries:
            return redirect("groupbuy:jielong_preview", pk=staged.pk)
        staged.delete()
        form.add_error("text", _("没有找到接龙条目：每户一行，以 1. 2. 3. 编号开头。"))
    recent = service.imports_of(request.user).filter(round=round_)[:5]
    context = {"round": round_, "form": form, "open": round_.accepts_orders(), "recent": recent}
    return render(request, "groupbuy/jielong_paste.html", context)


@login_required
def preview(request, pk):
    scope = _importer_scope(request)
    staged = get_object_or_404(service.imports_of(request.user), pk=pk)
    # ?edit=3 opens entry 3's forms without JavaScript; htmx asks the fix URLs for
    # the same. Forms are drawn only where needed or asked: a building's post has
    # hundreds of entries, and a select per item made the page slow.
    edit = request.GET.get("edit", "")
    edit = int(edit) if edit.isdigit() else None
    return render(request, "groupbuy/jielong_preview.html", _context(staged, scope, edit))


@login_required
@require_http_methods(["GET", "POST"])
def fix_household(request, pk, n):
    if request.method == "GET":
        return _editing(request, pk, n)
    return _fix(request, pk, n, lambda s, scope: service.fix_household(
        s, n, request.POST.get("household"), scope))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def fix_item(request, pk, n, i):
    if request.method == "GET":
        return _editing(request, pk, n)

    def apply(staged, scope):
        if i >= len(staged.entries[n]["items"]):
            raise Http404
        post = request.POST
        service.fix_item(staged, n, i, post.get("product"), post.get("quantity", ""))

    return _fix(request, pk, n, apply)


@login_required
@require_POST
def skip(request, pk, n):
    return _fix(request, pk, n, lambda s, scope: service.set_skip(
        s, n, request.POST.get("skip") == "1"))  # fmt: skip


@login_required
@require_POST
def confirm(request, pk):
    scope = _importer_scope(request)
    staged = get_object_or_404(service.imports_of(request.user), pk=pk)
    try:
        staged, applied = service.confirm(staged.pk, request.user, scope)
    except OrderRefused as refusal:
        messages.error(request, _("没有导入任何订单：%(why)s") % {"why": refusal.message})
        return redirect("groupbuy:jielong_preview", pk=staged.pk)
    if not applied:
        messages.info(request, _("这份接龙已经导入过，没有再次写入。"))
    return redirect("groupbuy:jielong_preview", pk=staged.pk)


def _staged_entry(request, pk, n):
    scope = _importer_scope(request)
    staged = get_object_or_404(service.imports_of(request.user), pk=pk)
    if not 0 <= n < len(staged.entries):
        raise Http404
    return scope, staged


def _editing(request, pk, n):
    """The entry with its forms open (or closed again, with ?close=1)."""
    scope, staged = _staged_entry(request, pk, n)
    edit = None if request.GET.get("close") else n
    if not request.htmx:
        url = reverse("groupbuy:jielong_preview", args=[staged.pk])
        return redirect(f"{url}?edit={n}#entry-{n}" if edit is not None else f"{url}#entry-{n}")
    return _entry(request, staged, scope, n, edit, "")


def _fix(request, pk, n, apply):
    """Apply one fix to entry n and answer with the entry redrawn."""
    scope, staged = _staged_entry(request, pk, n)
    if staged.is_confirmed:
        return HttpResponseBadRequest(_("这份接龙已经导入，不能再修改。"))
    error = ""
    try:
        apply(staged, scope)
    except service.FixError as problem:
        error = FIX_ERRORS[str(problem)]
        if not request.htmx:
            messages.error(request, error)
    if not request.htmx:
        url = reverse("groupbuy:jielong_preview", args=[staged.pk])
        return redirect(f"{url}#entry-{n}")
    return _entry(request, staged, scope, n, None, error)


def _entry(request, staged, scope, n, edit, error):
    context = _context(staged, scope, edit)
    context.update(e=context["entries"][n], error=error, oob=True)
    return render(request, "groupbuy/jielong_entry.html", context)


FIX_ERRORS = {
    "household": gettext_lazy("请选择您负责的一户。"),
    "product": gettext_lazy("请选择一样商品。"),
    "quantity": gettext_lazy("数量请填大于0的数，最多两位小数。"),
}


def _context(staged, scope, edit=None) -> dict:
    service.mark_superseded(staged.entries)
    # Once confirmed, each entry shows what became of it instead of what would.
    existing = {} if staged.is_confirmed else service.existing_orders(staged)
    outcome = {p["n"]: p["action"] for p in staged.summary.get("placed", []) if "n" in p}
    entries = []
    for n, entry in enumerate(staged.entries):
        channel = existing.get(entry["household"])
        entries.append({
            "n": n, "d": entry, "problems": service.entry_problems(entry),
            "ready": service.is_ready(entry), "outcome": outcome.get(n, ""),
            "editing": edit == n and not staged.is_confirmed,
            "replaces": channel is not None and channel != Channel.JIELONG,
            "updates": channel == Channel.JIELONG,
        })  # fmt: skip
    households = service.round_households(staged.round, scope).order_by(
        "building__sort_key", "building__number", "unit__number", "room"
    )
    return {
        "staged": staged, "round": staged.round, "entries": entries,
        "ready_count": sum(e["ready"] for e in entries),
        "fix_count": sum(bool(e["problems"]) and not _left_out(e["d"]) for e in entries),
        "left_out_count": sum(_left_out(e["d"]) for e in entries),
        "households": households, "products": service.round_products(staged.round),
        "summary": staged.summary,
    }  # fmt: skip


def _left_out(entry: dict) -> bool:
    return bool(entry.get("skip") or entry.get("superseded_by"))
