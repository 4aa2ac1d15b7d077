"""Taking needs in, whatever the channel: the one way a need is written.

The resident's form, phone intake on behalf and a pasted chat all call `submit`
(or `submit_many`): triage (screening.screen_need), save, and the first line of
the timeline. Each form carries a one-time token kept as the need's source_key;
the unique constraint on it makes a double-tapped or resent submission meet the
first one's row instead of writing a second need (as orders meet on their
(round, household) constraint in groupbuy.ordering).
"""

import re
import secrets

from django.db import IntegrityError, transaction

from linli.accounts.choices import Role
from linli.accounts.scope import Scope
from linli.audit.log import record
from linli.audit.models import Action
from linli.cases.choices import EventKind
from linli.cases.models import CaseEvent, Need
from linli.community.models import Household

# Who enters needs on behalf of households (phone calls, pasted chats): the
# people residents call. Professionals take needs, they do not register them.
INTAKE_ROLES = (Role.STAFF, Role.AREA_LEADER, Role.CAPTAIN)
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def new_token() -> str:
    return secrets.token_hex(16)


def valid_token(token: str) -> bool:
    return bool(_TOKEN.match(token or ""))


def may_take_needs(scope) -> bool:
    return scope.is_superuser or scope.has_role(*INTAKE_ROLES)


def households_for_intake(scope):
    """The households this user may enter needs for: their scope, through the
    roles that take needs (a captain who is also a resident: their buildings)."""
    if not may_take_needs(scope):
        return Household.objects.none()
    takers = [m for m in scope.memberships if m.role in INTAKE_ROLES]
    if scope.is_superuser or len(takers) == len(scope.memberships):
        return scope.filter(Household)
    narrowed = Scope(scope.user)
    narrowed.memberships = takers
    return narrowed.filter(Household)


def screen(need: Need) -> Need:
    """Triage an unsaved need in place (priority, crisis, reasons, deadline)."""
    from linli.cases.screening import screen_need

    screen_need(need)
    return need


def open_need(need: Need, actor=None) -> None:
    """Save a triaged need and start its timeline."""
    need.save()
    CaseEvent.objects.create(need=need, kind=EventKind.OPENED, actor=actor, at=need.created_at)
    # A request for help names a household and often health: who wrote it is kept.
    record(Action.CREATE, need, {"channel": need.channel, "priority": need.priority}, user=actor)


def submit(need: Need, token: str = "", actor=None) -> tuple[Need, bool]:
    """Triage and save one need. Returns (the need, whether this call wrote it):
    a token already used gives back the need it made the first time."""
    if token:
        need.source_key = f"form:{token}"
    screen(need)
    try:
        with transaction.atomic():
            open_need(need, actor)
    except IntegrityError:
        first = Need.objects.filter(source_key=need.source_key).first() if token else None
        if first is None:
            raise
        return first, False
    return need, True


def submit_many(needs: list[Need], token: str, actor=None) -> tuple[list[Need], bool]:
    """Save needs drafted together (a pasted chat) in one transaction: all or none.
    A confirm sent twice writes them once and gives back the first ones."""
    prefix = f"chat:{token}:"
    try:
        with transaction.atomic():
            for n, need in enumerate(needs):
                need.source_key = f"{prefix}{n}"
                screen(need)
                open_need(need, actor)
    except IntegrityError:
        first = list(Need.objects.filter(source_key__startswith=prefix))
        if not first:
            raise
        return first, False
    return needs, True
