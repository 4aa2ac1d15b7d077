"""The outbound pages, for community staff only (anyone else gets a 404): the
deliveries that are waiting or gave up, with "retry now", and the chat-group
robots of their communities."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.choices import Role
from linli.accounts.scope import scope_of
from linli.outbound import events
from linli.outbound.choices import Status
from linli.outbound.dispatch import retry_now, shown
from linli.outbound.forms import WebhookTargetForm
from linli.outbound.models import Delivery, WebhookTarget

LIST_LIMIT = 200


def _staff_communities(request) -> set[int] | None:
    """The communities whose notices this user manages; None for a superuser (all)."""
    scope = scope_of(request)
    if scope.is_superuser:
        return None
    ids = {m.community_id for m in scope.memberships if m.role == Role.STAFF}
    if not ids:
        raise Http404
    return ids


def _mine(queryset, ids):
    return queryset if ids is None else queryset.filter(community_id__in=ids)


@login_required
def deliveries(request):
    ids = _staff_communities(request)
    rows = _mine(Delivery.objects.select_related("community"), ids)
    failed = list(rows.filter(status=Status.FAILED)[:LIST_LIMIT])
    pending = rows.filter(status=Status.PENDING).order_by("next_attempt_at", "pk")
    pending = list(pending[:LIST_LIMIT])
    for d in failed + pending:
        d.shown_recipient = shown(d.channel, d.recipient)
    since = timezone.now() - timedelta(days=1)
    context = {
        "failed": failed,
        "pending": pending,
        "sent_today": rows.filter(status=Status.SENT, sent_at__gte=since).count(),
    }
    return render(request, "outbound/deliveries.html", context)


@login_required
@require_POST
def retry(request, pk):
    ids = _staff_communities(request)
    delivery = get_object_or_404(_mine(Delivery.objects.all(), ids), pk=pk)
    outcome = retry_now(delivery)
    if outcome == "sent":
        messages.success(request, _("已发送"))
    elif outcome == "busy":
        messages.info(request, _("正在发送中，请稍后刷新"))
    else:
        delivery.refresh_from_db()
        messages.error(request, _("仍未发送成功：%(error)s") % {"error": delivery.last_error})
    return redirect("outbound:deliveries")


@login_required
def robots(request):
    ids = _staff_communities(request)
    form = _robot_form(request, ids)
    if request.method == "POST" and form.is_valid():
        target = form.save()
        messages.success(request, _("已添加群机器人：%(name)s") % {"name": target.name})
        return redirect("outbound:robots")
    targets = _mine(WebhookTarget.objects.select_related("community", "building__compound"), ids)
    return render(request, "outbound/robots.html", {"form": form, "targets": targets})


@login_required
def robot_edit(request, pk):
    ids = _staff_communities(request)
    target = get_object_or_404(_mine(WebhookTarget.objects.all(), ids), pk=pk)
    form = _robot_form(request, ids, instance=target)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存"))
        return redirect("outbound:robots")
    return render(request, "outbound/robot_form.html", {"form": form, "target": target})


@login_required
@require_POST
def robot_test(request, pk):
    ids = _staff_communities(request)
    target = get_object_or_404(_mine(WebhookTarget.objects.all(), ids), pk=pk)
    delivery = events.test_robot(target)
    if delivery.status == Status.SENT:
        messages.success(request, _("测试消息已发到“%(name)s”") % {"name": target.name})
    else:
        messages.error(request, _("发送失败：%(error)s") % {"error": delivery.last_error})
    return redirect("outbound:robots")


def _robot_form(request, ids, instance=None):
    if ids is None:  # a superuser manages every community's robots
        from linli.community.models import Community

        ids = set(Community.objects.values_list("pk", flat=True))
    return WebhookTargetForm(request.POST or None, instance=instance, community_ids=ids)
