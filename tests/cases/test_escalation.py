"""Overdue needs escalate to the supervisors: once each, whatever how often the command runs."""

import logging
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from linli.cases.choices import EventKind, NeedStatus
from linli.cases.models import CaseEvent, Need
from tests.cases.need_helpers import make_need, page


def _overdue(need, minutes=5):
    Need.objects.filter(pk=need.pk).update(due_at=timezone.now() - timedelta(minutes=minutes))
    need.refresh_from_db()
    return need


def test_an_overdue_need_without_response_is_escalated_once(world):
    need = _overdue(make_need(world.household3))
    now = timezone.now()
    assert Need.objects.escalate_overdue(now) == 1
    need.refresh_from_db()
    assert need.escalated_at == now
    assert CaseEvent.objects.filter(need=need, kind=EventKind.ESCALATED).count() == 1
    assert Need.objects.escalate_overdue() == 0
    assert CaseEvent.objects.filter(need=need, kind=EventKind.ESCALATED).count() == 1


def test_needs_not_yet_due_answered_or_closed_are_left_alone(world):
    make_need(world.household3)  # not due yet
    answered = _overdue(make_need(world.household3))
    Need.objects.filter(pk=answered.pk).update(first_response_at=timezone.now())
    closed = _overdue(make_need(world.household5))
    Need.objects.filter(pk=closed.pk).update(status=NeedStatus.CLOSED)
    assert Need.objects.escalate_overdue() == 0
    assert not Need.objects.filter(escalated_at__isnull=False).exists()


def test_the_command_reports_the_count_and_is_safe_to_rerun(world, capsys):
    _overdue(make_need(world.household3))
    _overdue(make_need(world.household5))
    call_command("escalate_needs")
    assert "2" in capsys.readouterr().out
    call_command("escalate_needs")
    assert "0" in capsys.readouterr().out
    assert CaseEvent.objects.filter(kind=EventKind.ESCALATED).count() == 2


def test_the_notice_hook_is_called_after_commit_without_the_text(
    world, caplog, django_capture_on_commit_callbacks
):
    need = _overdue(make_need(world.household3, text="不要写进日志的内容"))
    with (
        caplog.at_level(logging.WARNING, logger="linli.cases.notify"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        Need.objects.escalate_overdue()
    assert f"need {need.pk} escalated" in caplog.text
    assert "不要写进日志的内容" not in caplog.text


def test_the_supervisor_sees_the_escalated_need_flagged_on_their_list(world, people, client):
    need = _overdue(make_need(world.household3))
    Need.objects.escalate_overdue()
    client.force_login(people.supervisor.user)
    html = page(client.get(reverse("cases:needs"), {"escalated": "1"}))
    assert reverse("cases:need", args=[need.pk]) in html and "已上报督导" in html


def test_a_supervisor_of_another_community_does_not_see_it(world, people, client):
    need = _overdue(make_need(world.household3))
    Need.objects.escalate_overdue()
    people.outsider.is_supervisor = True
    people.outsider.save()
    client.force_login(people.outsider.user)
    html = page(client.get(reverse("cases:needs")))
    assert reverse("cases:need", args=[need.pk]) not in html
