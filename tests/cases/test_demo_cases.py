"""The demo's needs and casework: professionals with logins, a supervisor, needs of
every priority and channel screened by triage, cases with notes of each sensitivity,
follow-ups, a small group, volunteer tasks; the same on every run."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.urls import reverse

from linli.cases.choices import Channel, NeedStatus, Priority, Sensitivity, TaskStatus
from linli.cases.models import (
    Case,
    CaseNote,
    FollowUp,
    Need,
    Participant,
    Professional,
    VolunteerTask,
)
from linli.cases.triage import triage
from tests.conftest import demo_once

pytestmark = pytest.mark.django_db


def run_demo(*args):
    call_command("demo", *args, stdout=StringIO())


def snapshot():
    """The needs as they differ between runs, with times relative to intake: the demo
    dates everything back from now, so a clock hour would change when two runs
    straddle the hour."""
    rows = Need.objects.values_list(
        "text", "priority", "status", "channel", "household__room", "created_at",
        "first_response_at",
    )  # fmt: skip
    return sorted(
        (*row[:5], None if row[6] is None else round((row[6] - row[5]).total_seconds() / 60))
        for row in rows
    )


demo_300 = demo_once("--residents", "300")


@pytest.fixture
def demo(demo_300, db):
    pass


def test_the_professionals_log_in_and_dudao1_supervises_the_community(demo):
    pros = {p.user.username: p for p in Professional.objects.select_related("user")}
    assert set(pros) == {"dudao1", "chenlanlan", "shegong1", "xinli1", "yisheng1"}
    assert [u for u, p in pros.items() if p.is_supervisor] == ["dudao1"]
    assert authenticate(username="dudao1", password="linli2020") is not None


def test_about_forty_needs_of_every_priority_and_channel_were_screened_by_triage(demo):
    needs = list(Need.objects.all())
    assert 35 <= len(needs) <= 45
    assert set(Counter(n.priority for n in needs)) == set(Priority.values)
    assert {n.channel for n in needs} >= {
        Channel.PHONE,
        Channel.CHAT,
        Channel.VISIT,
        Channel.RESIDENT,
    }
    crisis = [n for n in needs if n.crisis]
    assert crisis and all(n.priority == Priority.P1 and n.reasons for n in crisis)
    # What the screen says of the text alone, the stored need says at least as urgently.
    for need in needs:
        assert need.priority <= triage(need.text, set(), need.category).priority


def test_cases_have_notes_of_each_sensitivity_follow_ups_and_small_groups(demo):
    assert set(CaseNote.objects.values_list("sensitivity", flat=True)) == set(Sensitivity.values)
    assert Case.objects.open().count() >= 10
    closed = Case.objects.exclude(status="open")
    assert closed.count() >= 5 and all(c.outcome for c in closed)
    assert FollowUp.objects.due().filter(case__status="open").exists()
    assert FollowUp.objects.filter(done_at__isnull=False).exists()
    assert Participant.objects.filter(role="临时监护人").exists()
    assert Need.objects.filter(status=NeedStatus.OFFERED).exists()


def test_the_supervisor_dashboard_has_an_escalated_p1_in_red(demo, client):
    escalated = Need.objects.overdue().filter(priority=Priority.P1, escalated_at__isnull=False)
    assert escalated.exists()
    client.force_login(Professional.objects.get(is_supervisor=True).user)
    body = client.get(reverse("cases:dashboard")).content.decode()
    assert "超时未响应" in body and reverse("cases:need", args=[escalated[0].pk]) in body


def test_the_volunteer_has_tasks_some_done_with_their_minutes(demo):
    done = VolunteerTask.objects.filter(
        status=TaskStatus.DONE, volunteer__user__username="zhiyuan1"
    )
    assert done.count() >= 2 and all(t.minutes for t in done)
    assert VolunteerTask.objects.filter(status=TaskStatus.OPEN).exists()


def test_the_demo_casework_is_the_same_on_every_run(demo):
    first = snapshot()
    run_demo("--residents", "300", "--reset")
    assert snapshot() == first


def test_a_small_demo_with_fewer_households_than_needs_still_builds():
    run_demo("--residents", "20", "--reset")  # --reset: the module's demo may be there
    assert Need.objects.count() >= 35 and Professional.objects.count() == 5
