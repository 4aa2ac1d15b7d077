"""A pasted chat becomes needs: paste → preview (fix rooms, untick chatter) → confirm.

Nothing is written before the confirm: the drafts travel in the preview's form,
rooms are matched again on every post, and the confirm writes all the ticked
drafts in one transaction under the preview's one-time token (a double-tapped
confirm writes them once). Staff, area leaders and captains only; others 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases import chatpaste, intake
from linli.cases.choices import Category, Channel
from linli.cases.forms_needs import DraftFormSet, PasteForm
from linli.cases.models import Need
from linli.cases.triage import triage
from linli.cases.views_needs import _intake_scope
from linli.groupbuy.jielong.address import find_address
from linli.groupbuy.jielong_import import homes_of
from linli.groupbuy.jielong_match import Problem


@login_required
def need_paste(request):
    scope = _intake_scope(request)
    if request.method == "POST" and "drafts" in request.POST:
        return _drafts(request, scope)
    form = PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = chatpaste.split(form.cleaned_data["text"])
        drafts = [m for m in found if not chatpaste.is_chatter(m.text)]
        skipped = [
            f"{m.sender}：{m.text}" if m.sender else m.text for m in found if m not in drafts
        ]
        initial = [
            {"include": True, "sender": m.sender[:60], "text": m.text[:2000], "room": m.room,
             "category": _guess_category(m.text)}
            for m in drafts
        ]  # fmt: skip
        formset = DraftFormSet(initial=initial, prefix="d")
        return _preview(request, scope, formset, skipped, intake.new_token())
    return render(
        request, "cases/need_paste.html", {"form": form}, status=400 if form.errors else 200
    )


def _drafts(request, scope):
    formset = DraftFormSet(request.POST, prefix="d")
    token = request.POST.get("token", "")
    skipped = request.POST.getlist("skipped")[:200]
    if not intake.valid_token(token):
        messages.error(request, _("页面已过期，请重新粘贴。"))
        return redirect("cases:need_paste")
    if "confirm" not in request.POST or not formset.is_valid():
        return _preview(request, scope, formset, skipped, token)
    rows = _rows(scope, formset)
    ticked = [row for row in rows if row["include"]]
    missing = [row for row in ticked if row["household"] is None]
    if not ticked or missing:
        error = (
            _("有求助还找不到房号：请填写房号（如 3-1-201），或取消勾选。")
            if missing
            else (_("没有勾选要登记的求助。"))
        )
        return _preview(request, scope, formset, skipped, token, rows=rows, error=error)
    now = timezone.now()
    needs = [
        Need(
            household=row["household"],
            category=row["category"],
            text=row["text"],
            contact_name=_name_of(row["sender"]),
            channel=Channel.CHAT,
            entered_by=request.user,
            created_at=now,
        )  # fmt: skip
        for row in ticked
    ]
    needs, created = intake.submit_many(needs, token, actor=request.user)
    if created:
        messages.success(request, _("已登记 %(n)d 条求助") % {"n": len(needs)})
    return redirect("cases:needs")


def _name_of(sender: str) -> str:
    found = find_address(sender)
    name = (sender[: found[1]] + sender[found[2] :]) if found else sender
    return name.strip()[:40]


def _preview(request, scope, formset, skipped, token, rows=None, error=""):
    rows = rows if rows is not None else _rows(scope, formset)
    context = {
        "formset": formset,
        "rows": rows,
        "skipped": skipped,
        "token": token,
        "error": error,
        "ready": sum(1 for r in rows if r["include"] and r["household"]),
    }
    return render(request, "cases/need_paste_preview.html", context, status=400 if error else 200)


def _rows(scope, formset) -> list[dict]:
    """Each draft with its household matched from its room (or sender's name) and triaged."""
    if not formset.forms:
        return []
    households = list(
        intake.households_for_intake(scope).select_related("building__compound", "unit")
    )
    homes = homes_of(households)
    by_pk = {h.pk: h for h in households}
    building = homes.default_building("")
    rows = []
    for form in formset.forms:
        data = _draft_data(form)
        found = find_address(data["room"]) if data["room"] else None
        address = found[0].as_dict() if found else None
        home, problem = homes.match(address, building)
        if problem == Problem.NO_ADDRESS:
            home = homes.by_resident(_name_of(data["sender"]), building)
        household = by_pk.get(home.pk) if home else None
        need = None
        if household is not None:
            need = Need(household=household, category=data["category"], text=data["text"],
                        channel=Channel.CHAT, created_at=timezone.now())  # fmt: skip
            intake.screen(need)
        rows.append({"form": form, "household": household, "need": need, **data})
    return rows


def _draft_data(form) -> dict:
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
    else:
        d = {k: form[k].value() for k in ("include", "sender", "text", "room", "category")}
    category = d.get("category") if d.get("category") in Category.values else Category.OTHER
    return {
        "include": bool(d.get("include")),
        "sender": d.get("sender") or "",
        "text": d.get("text") or "",
        "room": (d.get("room") or "").strip(),
        "category": category,
    }


def _guess_category(text: str) -> str:
    """Triage's reading of the text's category (OTHER when it cannot tell)."""
    category = triage(text).category
    return category if category in Category.values else Category.OTHER
