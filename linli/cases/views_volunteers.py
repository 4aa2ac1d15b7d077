"""The volunteer registry: community staff add, edit and list their volunteers.

Who works the board (here and in views_board.py): community staff of a
community (and superusers) see and run all of its tasks; an active volunteer
sees the open tasks of their own community and their own. Everyone else,
including staff of another community, gets a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from linli.accounts.scope import scope_of
from linli.cases import access, tasks
from linli.cases.choices import Skill
from linli.cases.forms_volunteers import VolunteerForm
from linli.cases.models import Volunteer
from linli.community.models import Community
from linli.community.phone import mask_phone


def staff_communities(scope) -> list[Community]:
    """The communities whose board and registry this user runs, by name."""
    communities = Community.objects.order_by("name", "pk")
    if scope.is_superuser:
        return list(communities)
    ids = access.staff_community_ids(scope)
    return list(communities.filter(pk__in=ids)) if ids else []


def chosen_community(request, scope) -> Community:
    """The staff member's community, or the one picked with ?community= among theirs."""
    communities = staff_communities(scope)
    if not communities:
        raise Http404
    picked = request.POST.get("community") or request.GET.get("community")
    return next((c for c in communities if str(c.pk) == picked), communities[0])


def staff_get_or_404(scope, queryset, **lookup):
    """A row of a community this user runs, else 404."""
    ids = [c.pk for c in staff_communities(scope)]
    try:
        return queryset.filter(community_id__in=ids).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


@login_required
def volunteer_list(request):
    scope = scope_of(request)
    community = chosen_community(request, scope)
    skills = dict(Skill.choices)
    volunteers = (
        Volunteer.objects.filter(community=community)
        .select_related("user")
        .with_minutes(tasks.week_start())
        .order_by("-active", "name", "pk")
    )
    rows = [
        {
            "volunteer": v,
            "phone": mask_phone(v.user.phone or ""),
            "skills": [skills[s] for s in v.skills if s in skills],
            "hours_week": v.minutes_since / 60,
            "hours_total": v.minutes_total / 60,
        }
        for v in volunteers
    ]
    context = {
        "community": community,
        "communities": staff_communities(scope),
        "rows": rows,
        "active_count": sum(v.active for v in volunteers),
    }
    return render(request, "cases/volunteer_list.html", context)


@login_required
def volunteer_add(request):
    scope = scope_of(request)
    community = chosen_community(request, scope)
    form = VolunteerForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("已登记志愿者：%(name)s") % {"name": form.instance.name})
        return redirect(f"{_list_url()}?community={community.pk}")
    return render(request, "cases/volunteer_form.html", {"form": form, "community": community})


@login_required
def volunteer_edit(request, pk):
    scope = scope_of(request)
    volunteer = staff_get_or_404(
        scope, Volunteer.objects.select_related("user", "community"), pk=pk
    )
    form = VolunteerForm(request.POST or None, instance=volunteer, community=volunteer.community)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存：%(name)s") % {"name": volunteer.name})
        return redirect(f"{_list_url()}?community={volunteer.community_id}")
    context = {
        "form": form,
        "community": volunteer.community,
        "volunteer": volunteer,
        "phone": mask_phone(volunteer.user.phone or ""),
    }
    return render(request, "cases/volunteer_form.html", context)


def _list_url():
    return reverse("cases:volunteers")
