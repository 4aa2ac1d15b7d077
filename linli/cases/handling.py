"""Community staff handling a need themselves, without a professional's case.

A need the resident did not agree to share (P2–P4 without consent) is never
offered to a professional: staff follow it up directly. These are their steps:

- `mark_responded`: staff reached the resident ("已联系"). The first response is
  recorded, so the need stops counting as overdue and is not escalated.
- `close`: done without a case, with an outcome (choices.Outcome); `reopen` undoes it.
  A need with a case is closed through its case only (casework.close).
- `withdraw`: the resident no longer needs help. A live offer lapses; a need
  whose case is open is not withdrawn here (close the case instead).

Each step locks the need's row first (select_for_update, as assign.py and
casework.py do), so a double tap or two workers at once make one step and one
CaseEvent; a step already taken returns without writing again. The staff's note
goes into the event's detail (at most 200 characters), which is shown on the
timeline to whoever may read the need's text: what was done, not what was said.
Who may take a step is `may_handle` / `may_withdraw`; the rules of the states are here.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases import access
from linli.cases.choices import AssignmentStatus, EventKind, NeedStatus, Outcome
from linli.cases.models import Assignment, Case, CaseEvent, Need

NOTE_MAX = 200
# Statuses from which staff may close a need without a case: waiting, and back
# to waiting after a professional declined.
CLOSABLE = (NeedStatus.NEW,)


class HandlingRefused(Exception):
    """A step the rules do not allow now: `code` for tests, `message` for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message

    def __str__(self):
        return self.message


def may_handle(scope, need) -> bool:
    """Mark responded, close and reopen: community staff and supervisors of its community."""
    return access.may_manage(scope, need)


def may_withdraw(scope, need) -> bool:
    """Staff and supervisors, and whoever entered it (the resident who asked, or the
    captain who took the call)."""
    return access.may_manage(scope, need) or (
        need.entered_by_id is not None and need.entered_by_id == scope.user.pk
    )


def panel(scope, need) -> dict | None:
    """Which of these steps the need page offers this user now, or None."""
    manages, withdraws = may_handle(scope, need), may_withdraw(scope, need)
    if not (manages or withdraws):
        return None
    has_case = _has_case(need)
    return {
        "manages": manages,
        "has_case": has_case,
        "respond": manages and need.is_open and not need.first_response_at,
        "close": manages and not has_case and need.status in CLOSABLE,
        "reopen": manages and not has_case and need.status == NeedStatus.CLOSED,
        "withdraw": withdraws and need.is_open and not has_case,
        "outcomes": Outcome.choices,
        "typed": {},
    }


def _required(text, message) -> str:
    text = (text or "").strip()
    if not text:
        raise HandlingRefused("note_required", message)
    return text


def _locked(need) -> Need:
    return Need.objects.select_for_update().get(pk=need.pk)


def _event(need, kind, by, detail=""):
    return CaseEvent.objects.create(need=need, kind=kind, actor=by, detail=detail[:NOTE_MAX])


def _has_case(need) -> bool:
    return Case.objects.filter(need=need).exists()


def mark_responded(need, by, note) -> tuple[Need, bool]:
    """Record that staff reached the resident. Returns (need, whether this call did it);
    a need that already had its first response is left as it was."""
    note = _required(note, _("请简单写一下做了什么（例如：已电话联系，明天送药）。"))
    with transaction.atomic():
        need = _locked(need)
        if not need.is_open:
            raise HandlingRefused("not_open", _("这个需求已经办结或撤回。"))
        if need.first_response_at:
            return need, False
        need.first_response_at = timezone.now()
        need.save(update_fields=["first_response_at"])
        _event(need, EventKind.RESPONDED, by, note)
    return need, True


def close(need, by, outcome, note) -> tuple[Need, bool]:
    """Close a need that has no case, with an outcome and a note."""
    if outcome not in Outcome.values:
        raise HandlingRefused("outcome_required", _("办结前请选择结果。"))
    note = _required(note, _("请写一下办结的情况。"))
    with transaction.atomic():
        need = _locked(need)
        if _has_case(need):
            raise HandlingRefused("has_case", _("这个需求有个案，请在个案页面结案。"))
        if need.status == NeedStatus.CLOSED:
            return need, False
        if need.status == NeedStatus.OFFERED:
            raise HandlingRefused(
                "offered", _("这个需求正在等待专业人员答复，答复之后才能由社区办结。")
            )
        if need.status not in CLOSABLE:
            raise HandlingRefused("not_open", _("这个需求已经办结或撤回。"))
        now = timezone.now()
        need.status, need.closed_at = NeedStatus.CLOSED, now
        need.save(update_fields=["status", "closed_at"])
        _event(need, EventKind.CLOSED, by, f"{Outcome(outcome).label}：{note}")
    return need, True


def reopen(need, by, reason) -> tuple[Need, bool]:
    """Reopen a need closed without a case: it waits again (NEW)."""
    reason = _required(reason, _("请写明重新打开的原因。"))
    with transaction.atomic():
        need = _locked(need)
        if _has_case(need):
            raise HandlingRefused("has_case", _("这个需求有个案，请在个案页面重新开案。"))
        if need.status == NeedStatus.NEW:
            return need, False
        if need.status != NeedStatus.CLOSED:
            raise HandlingRefused("not_closed", _("这个需求没有办结，不需要重新打开。"))
        need.status, need.closed_at = NeedStatus.NEW, None
        need.save(update_fields=["status", "closed_at"])
        _event(need, EventKind.REOPENED, by, reason)
    return need, True


def withdraw(need, by, reason) -> tuple[Need, bool]:
    """The resident no longer needs help. A live offer ends (declined, "需求已撤回")."""
    reason = _required(reason, _("请写明撤回的原因。"))
    with transaction.atomic():
        need = _locked(need)
        if need.status == NeedStatus.WITHDRAWN:
            return need, False
        if need.is_open and _has_case(need):
            raise HandlingRefused(
                "case_open", _("这个需求有正在进行的个案，请由负责的专业人员结案。")
            )
        if not need.is_open:
            raise HandlingRefused("not_open", _("这个需求已经办结，不能撤回。"))
        now = timezone.now()
        Assignment.objects.filter(need=need, status=AssignmentStatus.OFFERED).update(
            status=AssignmentStatus.DECLINED, responded_at=now, note=_("需求已撤回")
        )
        need.status, need.closed_at = NeedStatus.WITHDRAWN, now
        need.save(update_fields=["status", "closed_at"])
        _event(need, EventKind.WITHDRAWN, by, reason)
    return need, True
