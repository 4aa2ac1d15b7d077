"""Who may do what with notices, on top of the registry Scope.

- Staff of a community publish announcements, answer feedback, write articles
  and set up activities there.
- Staff, area leaders and captains see the unread list of the residents in
  their scope and record "told by phone" or "told at the door" for them.
- Residents read what reaches their home and speak for their own household.
- Street and district viewers see feedback counts only, never a text or a name.
"""

from linli.accounts.choices import Role
from linli.notices.feedback import staff_community_ids

TELLER_ROLES = frozenset({Role.STAFF, Role.AREA_LEADER, Role.CAPTAIN})


def is_staff(scope, community_id=None) -> bool:
    if scope.is_superuser:
        return True
    ids = staff_community_ids(scope)
    return bool(ids) if community_id is None else community_id in ids


def may_tell(scope) -> bool:
    return scope.is_superuser or scope.has_role(*TELLER_ROLES)


def sees_summary(scope) -> bool:
    return scope.is_superuser or scope.has_role(Role.VIEWER, Role.STAFF)


def may_speak_for_others(scope) -> bool:
    """Captains and workers submit feedback and sign-ups for residents (代办)."""
    return may_tell(scope)


def home_community_id(scope):
    """The community a worker or captain acts in: their first membership's."""
    for m in scope.memberships:
        if m.role in TELLER_ROLES and m.community_id:
            return m.community_id
    return None
