"""Needs, professionals, cases and volunteers (三社联动).

A need is a request for help from a household, from any channel. Triage gives it a
priority and a deadline; a supervisor offers it to a professional, whose acceptance
opens the case. Case notes are confidential: see access.py for who sees what.

One module per area; every model and QuerySet is importable from here.
"""

from linli.cases.models.cases import (
    Case,
    CaseNote,
    CaseQuerySet,
    FollowUp,
    FollowUpQuerySet,
    Participant,
)
from linli.cases.models.needs import (
    HOUSEHOLD_SCOPE,
    CaseEvent,
    Need,
    NeedQuerySet,
    response_deadline,
)
from linli.cases.models.professionals import Assignment, Professional, ProfessionalQuerySet
from linli.cases.models.volunteers import (
    TaskQuerySet,
    Volunteer,
    VolunteerQuerySet,
    VolunteerTask,
)

__all__ = [
    "HOUSEHOLD_SCOPE", "Assignment", "Case", "CaseEvent", "CaseNote", "CaseQuerySet",
    "FollowUp", "FollowUpQuerySet", "Need", "NeedQuerySet", "Participant", "Professional",
    "ProfessionalQuerySet", "TaskQuerySet", "Volunteer", "VolunteerQuerySet", "VolunteerTask",
    "response_deadline",
]  # fmt: skip
