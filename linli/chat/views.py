"""The chat inbox: drafts from the groups' messages, each confirmed or dismissed by a person.

Staff see the groups of their community, captains those of their buildings,
area leaders those of their area's buildings; a message of any other group is
a 404. Crisis needs come first, in red; talk is listed only on request.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.scope import scope_of
from linli.cases.choices import Category
from linli.chat import drafts
from linli.chat.choices import Kind
from linli.chat.models import ChatGroup, ChatMessage
from linli.health.models import fever_threshold

# Fifty cards are already a long scroll on a phone.
PER_PAGE = 50


def _inbox_messages(scope):
    groups = ChatGroup.objects.for_inbox(scope)
    return ChatMessage.objects.filter(group__in=groups).select_related("group__building")


def _may_use_inbox(scope):
    return scope.is_superuser or ChatGroup.objects.for_inbox(scope).exists()


@login_required
def inbox(request):
    scope = scope_of(request)
    if not _may_use_inbox(scope):
        raise Http404
    show_talk = request.GET.get("talk") == "1"
    pending = _inbox_messages(scope).pending()
    shown = pending if show_talk else pending.exclude(kind=Kind.OTHER)
    ordered = shown.order_by("-crisis", "sent_at", "pk")
    page = Paginator(ordered, PER_PAGE).get_page(request.GET.get("page"))
    items = list(page)
    threshold = fever_threshold()
    for message in items:
        if message.kind == Kind.JIELONG:
            message.rounds = list(drafts.rounds_for(message, scope))
        for reading in message.draft.get("readings", []) if message.kind == Kind.CHECKIN else []:
            # The same threshold that will open a visit task once confirmed.
            reading["shown"] = [(t, Decimal(t) >= threshold) for t in reading["temperatures"]]
    context = {
        "items": items,
        "page": page,
        "show_talk": show_talk,
        "talk_count": pending.filter(kind=Kind.OTHER).count(),
        "categories": Category.choices,
    }
    return render(request, "chat/inbox.html", context)


def _message_or_404(request, pk):
    return get_object_or_404(_inbox_messages(scope_of(request)), pk=pk)


@login_required
@require_POST
def confirm(request, pk):
    message = _message_or_404(request, pk)
    try:
        if message.kind == Kind.JIELONG:
            staged = drafts.confirm_jielong(message.pk, request.user, request.POST.get("round"))
            return redirect("groupbuy:jielong_preview", pk=staged.pk)
        if message.kind == Kind.NEED:
            need = drafts.confirm_need(
                message.pk, request.user, request.POST.get("room", ""), request.POST.get("category")
            )
            messages.success(
                request, _("已登记求助：%(address)s") % {"address": need.household.address}
            )
            return redirect("cases:need", need.pk)
        if message.kind == Kind.CHECKIN:
            made = drafts.confirm_checkins(message.pk, request.user)
            messages.success(request, _("已登记 %(n)s 人的打卡。") % {"n": len(made)})
            return redirect("chat:inbox")
    except drafts.DraftError as error:
        messages.error(request, str(error))
    except drafts.AlreadyDone:
        messages.info(request, _("这条消息已经处理过了。"))
    else:
        raise Http404  # talk has nothing to confirm
    return redirect("chat:inbox")


@login_required
@require_POST
def dismiss(request, pk):
    message = _message_or_404(request, pk)
    try:
        drafts.dismiss(message.pk, request.user)
        messages.success(request, _("已忽略。"))
    except drafts.AlreadyDone:
        messages.info(request, _("这条消息已经处理过了。"))
    return redirect("chat:inbox")
