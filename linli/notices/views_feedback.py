"""Feedback pages: a resident (or a captain for them) speaks up, a worker answers
and closes, and the street office reads the figures by topic and week."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.accounts.scope import scope_of
from linli.community.models import Community, Household
from linli.notices import access
from linli.notices.choices import FeedbackState, Topic
from linli.notices.feedback import Feedback
from linli.notices.forms import FeedbackForm, ReplyForm
from linli.notices.summary import summarise, week_of

SUMMARY_WEEKS = 8


def _households_for(scope):
    """Own households for a resident; the buildings' households for a captain."""
    own = scope.filter(Household).filter(pk__in=scope.household_ids)
    if access.may_speak_for_others(scope):
        own = scope.filter(Household)
    return list(own.select_related("building__compound", "unit")[:3000])


@login_required
def feedback_list(request):
    scope = scope_of(request)
    items = (
        Feedback.objects.visible_to(scope)
        .select_related("household__building", "household__unit")
        .annotate(
            closed=Case(
                When(state=FeedbackState.CLOSED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("closed", "-created_at")
    )
    context = {
        "items": items[:100],
        "staff": access.is_staff(scope),
        "may_send": bool(scope.household_ids) or access.may_speak_for_others(scope),
        "summary": access.sees_summary(scope),
    }
    return render(request, "notices/feedback_list.html", context)


@login_required
def feedback_new(request):
    scope = scope_of(request)
    households = _households_for(scope)
    if not households:
        raise Http404
    form = FeedbackForm(
        request.POST or None,
        households=households,
        ask_household=access.may_speak_for_others(scope),
    )
    if request.method == "POST" and form.is_valid():
        household = form.chosen_household()
        data = form.cleaned_data
        with transaction.atomic():
            # Two taps at the same moment: the second waits on the household's
            # row, then finds the first one's feedback.
            Household.objects.select_for_update().filter(pk=household.pk).first()
            item = Feedback.objects.filter(
                household=household, text=data["text"],
                created_at__gte=timezone.now() - timedelta(minutes=2),
            ).first()  # fmt: skip
            if item is None:
                item = form.save(commit=False)
                item.household = household
                item.community_id = household.building.compound.community_id
                item.created_by = request.user
                item.on_behalf = household.pk not in scope.household_ids
                item.save()
        messages.success(request, _("已收到，社区会尽快回复。"))
        return redirect("notices:feedback_detail", item.pk)
    return render(request, "notices/feedback_form.html", {"form": form})


@login_required
def feedback_detail(request, pk):
    scope = scope_of(request)
    item = get_object_or_404(
        Feedback.objects.visible_to(scope).select_related(
            "household__building", "household__unit", "created_by", "answered_by"
        ),
        pk=pk,
    )
    staff = access.is_staff(scope, item.community_id)
    form = ReplyForm(request.POST or None, initial={"answer": item.answer}) if staff else None
    if request.method == "POST":
        if not staff:
            raise Http404
        if form.is_valid():
            item.reply(form.cleaned_data["answer"], request.user, close=form.cleaned_data["close"])
            messages.success(request, _("已回复。"))
            return redirect("notices:feedback_list")
    return render(request, "notices/feedback_detail.html", {"item": item, "form": form})


@login_required
def summary(request):
    """Counts by topic and week, no texts and no names."""
    scope = scope_of(request)
    if not access.sees_summary(scope):
        raise Http404
    communities = scope.filter(Community)
    since = timezone.now() - timedelta(weeks=SUMMARY_WEEKS)
    rows = [
        (topic, timezone.localtime(created), answered, state == FeedbackState.CLOSED)
        for topic, created, answered, state in Feedback.objects.filter(
            community__in=communities, created_at__gte=since
        ).values_list("topic", "created_at", "answered_at", "state")
    ]
    by_week, by_topic = summarise(rows)
    weeks = sorted({week for week, _topic in by_week}, reverse=True)
    context = {
        "topics": [(t, by_topic[t.value]) for t in Topic if t.value in by_topic],
        "weeks": [
            (week, [(t, by_week[(week, t.value)]) for t in Topic if (week, t.value) in by_week])
            for week in weeks
        ],
        "communities": communities.count(),
        "this_week": week_of(timezone.localtime()),
    }
    return render(request, "notices/summary.html", context)
