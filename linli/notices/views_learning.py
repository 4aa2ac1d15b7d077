"""防疫知识 articles and activities with sign-ups. Everyone who belongs to a
community reads its articles and sees its activities; its workers write them;
residents sign up their household, captains sign up residents of their buildings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.accounts.models import User
from linli.accounts.scope import scope_of
from linli.community.models import Resident
from linli.notices import access
from linli.notices.feedback import staff_community_ids
from linli.notices.forms import ActivityForm, ArticleForm
from linli.notices.learning import Activity, ActivityFull, Article, SignUp


def _in_communities(scope, queryset):
    if scope.is_superuser:
        return queryset
    return queryset.filter(community_id__in=scope.member_community_ids)


def _articles(scope):
    staff = staff_community_ids(scope)
    articles = _in_communities(scope, Article.objects.all())
    if scope.is_superuser:
        return articles
    return articles.filter(Q(published=True) | Q(community_id__in=staff))


@login_required
def articles(request):
    scope = scope_of(request)
    context = {"articles": _articles(scope)[:100], "staff": access.is_staff(scope)}
    return render(request, "notices/articles.html", context)


@login_required
def article(request, pk):
    scope = scope_of(request)
    item = get_object_or_404(_articles(scope), pk=pk)
    staff = access.is_staff(scope, item.community_id)
    return render(request, "notices/article.html", {"item": item, "staff": staff})


def _same(model, community_id, user, **fields):
    """The community's row with these fields, if any. The user's row is locked
    first, until the view's transaction ends, so two taps at once queue up."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    return model.objects.filter(community_id=community_id, **fields).first()


def _staff_community_id(scope):
    ids = staff_community_ids(scope)
    if not ids:
        raise Http404
    return min(ids)


@login_required
@transaction.atomic
def article_edit(request, pk=None):
    scope = scope_of(request)
    item = None
    if pk is not None:
        item = get_object_or_404(
            Article.objects.filter(community_id__in=staff_community_ids(scope)), pk=pk
        )
    community_id = item.community_id if item else _staff_community_id(scope)
    form = ArticleForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        if item is None:
            # A double tap on "保存": the same text twice is the one article.
            same = _same(Article, community_id, request.user, title=form.cleaned_data["title"],
                         body=form.cleaned_data["body"])  # fmt: skip
            if same:
                return redirect("notices:article", same.pk)
        saved = form.save(commit=False)
        saved.community_id = community_id
        saved.author = saved.author or request.user
        saved.save()
        messages.success(request, _("已保存。"))
        return redirect("notices:article", saved.pk)
    context = {"form": form, "title": _("修改文章") if item else _("写防疫知识")}
    return render(request, "notices/simple_form.html", context)


@login_required
def activities(request):
    scope = scope_of(request)
    items = (
        _in_communities(scope, Activity.objects.upcoming())
        .annotate(taken=Count("signups"))
        .order_by("starts_at")
    )
    return render(
        request, "notices/activities.html", {"items": items, "staff": access.is_staff(scope)}
    )


@login_required
@transaction.atomic
def activity_new(request):
    scope = scope_of(request)
    community_id = _staff_community_id(scope)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A double tap: the same activity at the same time is the one already set up.
        same = _same(Activity, community_id, request.user, title=form.cleaned_data["title"],
                     starts_at=form.cleaned_data["starts_at"])  # fmt: skip
        if same:
            return redirect("notices:activity", same.pk)
        item = form.save(commit=False)
        item.community_id, item.created_by = community_id, request.user
        item.save()
        messages.success(request, _("已发布活动。"))
        return redirect("notices:activity", item.pk)
    return render(request, "notices/simple_form.html", {"form": form, "title": _("新活动")})


@login_required
def activity(request, pk):
    scope = scope_of(request)
    item = get_object_or_404(_in_communities(scope, Activity.objects.all()), pk=pk)
    signups = scope.filter(SignUp.objects.filter(activity=item)).select_related(
        "resident__household__building", "resident__household__unit"
    )
    taken = {s.resident_id for s in signups}
    own = scope.filter(Resident).filter(household_id__in=scope.household_ids)
    query = request.GET.get("q", "").strip()[:50]
    found = []
    if query and access.may_speak_for_others(scope):
        found = scope.filter(Resident.objects.search(query)).with_details()[:10]
    context = {
        "item": item,
        "count": item.signups.count(),
        "signups": signups,
        "taken": taken,
        "own": own,
        "found": found,
        "query": query,
        "may_search": access.may_speak_for_others(scope),
    }
    return render(request, "notices/activity.html", context)


@require_POST
@login_required
def activity_signup(request, pk):
    scope = scope_of(request)
    item = get_object_or_404(_in_communities(scope, Activity.objects.all()), pk=pk)
    chosen = request.POST.get("resident", "")
    if not chosen.isdigit():
        raise Http404
    resident = scope.get_or_404(
        Resident.objects.filter(household__building__compound__community_id=item.community_id),
        pk=int(chosen),
    )
    if resident.household_id not in scope.household_ids and not access.may_speak_for_others(scope):
        raise Http404
    try:
        item.sign_up(resident, by=request.user)
        messages.success(request, _("%(name)s 报名成功") % {"name": resident.name})
    except ActivityFull:
        messages.error(request, _("名额已满，没有报上。"))
    return redirect("notices:activity", item.pk)
