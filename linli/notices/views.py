"""Announcement pages: each role's list, publishing (from a template or blank,
with a preview), an announcement with its read counts, and the unread list on
which a captain records who was told by phone or at the door."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.models import User
from linli.accounts.scope import scope_of
from linli.community.models import Building, Community, Resident
from linli.front.htmx import htmx_partial
from linli.notices import access, outbound
from linli.notices.choices import TOLD_BY_HAND, Told
from linli.notices.feedback import staff_community_ids
from linli.notices.forms import AnnouncementForm
from linli.notices.models import Announcement, AnnouncementTemplate, ReadReceipt
from linli.notices.placeholders import fill

UNREAD_LIMIT = 300  # a building's worth; a worker narrows the community by building


@login_required
def index(request):
    scope = scope_of(request)
    if access.is_staff(scope):
        return _staff_list(request, scope)
    announcements = Announcement.objects.visible_to(scope)
    if scope.household_ids:
        mine = ReadReceipt.objects.filter(
            announcement=OuterRef("pk"), resident__household_id__in=scope.household_ids
        )
        announcements = announcements.annotate(read=Exists(mine)).order_by(
            "read", "-pinned", "-priority", "-published_at"
        )
    else:
        announcements = announcements.in_order()
    rows = list(announcements[:30])
    if access.may_tell(scope):
        residents = scope.filter(Resident)
        for a in rows:
            a.unread_here = a.unread(residents).count()
    template = "notices/resident_list.html" if scope.household_ids else "notices/list.html"
    return render(request, template, {"announcements": rows, "tells": access.may_tell(scope)})


def _staff_list(request, scope):
    announcements = (
        Announcement.objects.visible_to(scope)
        .in_order()
        .select_related("author")
        .annotate(told=Count("receipts"))
    )
    page = Paginator(announcements, 20).get_page(request.GET.get("page"))
    for a in page:
        a.audience_size = a.audience().count()
    return render(request, "notices/staff_list.html", {"page": page})


def _staff_community(scope):
    ids = staff_community_ids(scope)
    if scope.is_superuser and not ids:
        ids = set(Community.objects.values_list("pk", flat=True)[:1])
    if not ids:
        raise Http404
    return Community.objects.get(pk=min(ids))


@login_required
def create(request):
    scope = scope_of(request)
    community = _staff_community(scope)
    template = None
    template_id = request.POST.get("template") or request.GET.get("template")
    if template_id and str(template_id).isdigit():
        offered = AnnouncementTemplate.offered_to({community.pk})
        template = get_object_or_404(offered, pk=template_id)
    initial = {}
    if template is not None:
        today = {"date": date_format(timezone.localdate(), "MONTH_DAY_FORMAT")}
        initial = {
            "title": fill(template.title, today),
            "body": fill(template.body, today),
            "priority": template.priority,
        }
    form = AnnouncementForm(request.POST or None, initial=initial, community=community)
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") != "publish":
            preview = form.cleaned_data
        else:
            announcement = _publish(form, community, request.user, template)
            messages.success(request, _("已发布：%(title)s") % {"title": announcement.title})
            return redirect("notices:detail", announcement.pk)
    context = {
        "form": form,
        "preview": preview,
        "template": template,
        "templates": AnnouncementTemplate.offered_to({community.pk}),
        "community": community,
    }
    return render(request, "notices/form.html", context)


@transaction.atomic
def _publish(form, community, author, template):
    # The notice and its outbound messages are written together or not at all.
    data = form.cleaned_data
    # A double tap on "发布" sends the same text twice within seconds: one notice.
    # Both taps may arrive at once, so the author's row is locked first: the
    # second one waits here and then finds the first one's notice.
    User.objects.select_for_update().filter(pk=author.pk).first()
    same = Announcement.objects.filter(
        community=community, author=author, title=data["title"], body=data["body"],
        published_at__gte=timezone.now() - timedelta(minutes=2),
    ).first()  # fmt: skip
    if same:
        return same
    announcement = form.save(commit=False)
    announcement.community, announcement.author, announcement.template = community, author, template
    announcement.save()
    form.save_m2m()
    outbound.announcement_published(announcement)
    return announcement


def _visible_or_404(scope, pk):
    return get_object_or_404(Announcement.objects.visible_to(scope).select_related("author"), pk=pk)


@login_required
def detail(request, pk):
    scope = scope_of(request)
    announcement = _visible_or_404(scope, pk)
    if scope.household_ids:
        announcement.mark_read(scope.household_ids, by=request.user)
    counts = []
    if access.may_tell(scope):
        if access.is_staff(scope, announcement.community_id):
            buildings = Building.objects.in_community(announcement.community_id)
        else:
            buildings = scope.filter(Building)
        counts = announcement.counts_by_building(buildings)
    context = {
        "a": announcement,
        "counts": counts,
        "totals": (sum(c[1] for c in counts), sum(c[2] for c in counts)),
        "staff": access.is_staff(scope, announcement.community_id),
    }
    return render(request, "notices/detail.html", context)


def _unread_residents(request, scope, announcement):
    residents = scope.filter(Resident)
    building = request.GET.get("building") or request.POST.get("building")
    if building and building.isdigit():
        residents = residents.filter(household__building_id=building)
    return announcement.unread(residents), building


@login_required
def unread(request, pk):
    scope = scope_of(request)
    if not access.may_tell(scope):
        raise Http404
    announcement = _visible_or_404(scope, pk)
    residents, building = _unread_residents(request, scope, announcement)
    shown = list(residents[:UNREAD_LIMIT])
    context = {
        "a": announcement,
        "residents": shown,
        "count": len(shown) if len(shown) < UNREAD_LIMIT else residents.count(),
        "building": building or "",
        "may_call": bool(shown) and scope.can_see_phone(shown[0]),
        "told_choices": [(t.value, t.label) for t in TOLD_BY_HAND],
    }
    return render(request, "notices/unread.html", context)


@require_POST
@login_required
def told(request, pk, resident):
    scope = scope_of(request)
    if not access.may_tell(scope) or request.POST.get("how") not in TOLD_BY_HAND:
        raise Http404
    announcement = _visible_or_404(scope, pk)
    person = scope.get_or_404(Resident.objects.all(), pk=resident)
    if not announcement.audience().filter(pk=person.pk).exists():
        raise Http404
    receipt = announcement.mark_told(person, Told(request.POST["how"]), by=request.user)
    residents, building = _unread_residents(request, scope, announcement)
    if htmx_partial(request):
        context = {"count": residents.count(), "resident": person, "receipt": receipt}
        return render(request, "notices/_told.html", context)
    messages.success(
        request, _("%(name)s：%(how)s") % {"name": person.name, "how": receipt.get_how_display()}
    )
    url = reverse("notices:unread", args=[announcement.pk])
    return redirect(f"{url}?building={building}" if building else url)
