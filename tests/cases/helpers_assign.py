"""Needs and cases for the matching and assignment tests."""

from django.utils import timezone

from linli.cases.choices import Category, Channel, Priority
from linli.cases.models import Case, Need, response_deadline


def make_need(household, category=Category.PSYCH, priority=Priority.P3, consent=True, **fields):
    now = timezone.now()
    fields.setdefault("due_at", response_deadline(priority, now))
    return Need.objects.create(
        household=household,
        category=category,
        channel=fields.pop("channel", Channel.RESIDENT),
        priority=priority,
        consent=consent,
        created_at=now,
        **fields,
    )


def fill_up(professional, households):
    """Give the professional open cases up to their capacity."""
    for i in range(professional.capacity):
        need = make_need(households[i % len(households)], text=f"filler {i}")
        Case.objects.create(need=need, lead=professional)
