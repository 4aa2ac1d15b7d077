"""The supervisor dashboard (督导看板): what needs attention now in the communities a
supervisor serves or a worker staffs. Counts and lists only, never a need's text or a
note: the reader clicks through to the pages that decide what they may read.

Each panel is one query whatever the number of needs and cases (aggregates, lists
cut at LIST_LIMIT, loads as subqueries), so the page costs the same in a quiet week
and at the peak; tests/cases/test_dashboard.py and bench/bench_cases.py hold it to that.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from linli.accounts.scope import scope_of
from linli.cases import access, dashstats
from linli.cases.choices import AssignmentStatus, CaseStatus, Priority
from linli.cases.models import Assignment, Case, FollowUp, Need, Professional
from linli.chat.models import ChatGroup, ChatMessage
from linli.community.models import Community

LIST_LIMIT = 20
CARE_FLAG_PREFIX = "careflag:"  # flows.care_flag_key
_NEED = ("household__building__compound", "household__unit")


def dashboard_community_ids(scope) -> set[int]:
    """The communities whose dashboard this user sees: supervised or staffed (all for admins)."""
    if scope.is_superuser:
        return set(Community.objects.values_list("pk", flat=True))
    return access.supervised_community_ids(scope) | access.staff_community_ids(scope)


@login_required
def dashboard(request):
    scope = scope_of(request)
    ids = dashboard_community_ids(scope)
    if not ids:
        raise Http404
    now, today = timezone.now(), timezone.localdate()
    needs = Need.objects.in_community(ids)
    open_needs = needs.open()
    counts = _counts(open_needs, now)
    week, overall = dashstats.week_and_all(
        needs.filter(first_response_at__isnull=False).values_list(
            "created_at", "due_at", "first_response_at"
        ),
        now,
    )
    context = {
        "now": now,
        "today": today,
        "counts": counts,
        "priorities": [(p, label, counts[f"p{p}"]) for p, label in Priority.choices],
        "overdue": list(
            open_needs.overdue(now).select_related(*_NEED).order_by("due_at", "pk")[:LIST_LIMIT]
        ),
        "escalated": list(
            open_needs.filter(escalated_at__isnull=False)
            .select_related(*_NEED)
            .order_by("-escalated_at", "pk")[:LIST_LIMIT]
        ),
        "care_flags": list(
            open_needs.filter(source_key__startswith=CARE_FLAG_PREFIX)
            .select_related(*_NEED)
            .order_by("priority", "due_at", "pk")[:LIST_LIMIT]
        ),
        "follow_ups": _follow_ups_due(ids, today),
        "professionals": _loads(ids, now),
        "week": week,
        "overall": overall,
        "week_hm": dashstats.hours_minutes(week.median_minutes),
        "overall_hm": dashstats.hours_minutes(overall.median_minutes),
        "longest_wait_hm": dashstats.hours_minutes(
            dashstats.waiting_minutes(counts["oldest_waiting"], now)
        ),
        "is_supervisor": bool(access.supervised_community_ids(scope)),
        # Crises posted in a chat group that no one has confirmed as a need yet: they
        # are in no count above, and a supervisor may not open the inbox.
        "urgent_chat": ChatMessage.objects.urgent().filter(group__community_id__in=ids).count(),
        "chat_inbox": scope.is_superuser or ChatGroup.objects.for_inbox(scope).exists(),
        "list_limit": LIST_LIMIT,
    }
    return render(request, "cases/dashboard.html", context)


def _counts(open_needs, now) -> dict:
    """Open needs by priority, overdue, escalated, care-flag ones; the oldest still waiting."""
    waiting = Q(first_response_at__isnull=True)
    return open_needs.aggregate(
        total=Count("pk"),
        **{f"p{p}": Count("pk", filter=Q(priority=p)) for p in Priority.values},
        overdue=Count("pk", filter=waiting & Q(due_at__lt=now)),
        escalated=Count("pk", filter=Q(escalated_at__isnull=False)),
        care_flags=Count("pk", filter=Q(source_key__startswith=CARE_FLAG_PREFIX)),
        waiting=Count("pk", filter=waiting),
        oldest_waiting=Min("created_at", filter=waiting),
    )


def _follow_ups_due(ids, today) -> list:
    """Follow-ups of open cases due today or before and not done, the oldest first."""
    return list(
        FollowUp.objects.due(today)
        .filter(case__status=CaseStatus.OPEN, case__need__in=Need.objects.in_community(ids))
        .select_related("case__lead", *(f"case__need__{p}" for p in _NEED))
        .order_by("due_on", "pk")[: LIST_LIMIT + 1]
    )


def _count_of(queryset, field):
    """A correlated COUNT(*) of `queryset` rows whose `field` is the outer professional."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _loads(ids, now) -> list:
    """The active professionals serving these communities with their load, fullest first.

    Open cases count everywhere the professional works, not only here: capacity is theirs."""
    serving = Professional.communities.through.objects.filter(community_id__in=ids)
    pros = list(
        Professional.objects.active()
        .filter(pk__in=serving.values("professional_id"))
        .annotate(
            open_cases=_count_of(Case.objects.filter(status=CaseStatus.OPEN), "lead"),
            offers=_count_of(
                Assignment.objects.filter(status=AssignmentStatus.OFFERED), "professional"
            ),
        )
        .order_by("name", "pk")
    )
    for pro in pros:
        pro.level = dashstats.load_level(pro.open_cases, pro.capacity)
        pro.duty_now = pro.on_duty(now)
        pro.percent = min(100, round(100 * pro.open_cases / pro.capacity)) if pro.capacity else 100
    order = {"full": 0, "high": 1, "ok": 2}
    return sorted(pros, key=lambda p: (order[p.level], -p.open_cases, p.name))
