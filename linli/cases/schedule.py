"""Follow-up schedules: one date, or "every N days until a date". Pure, no Django.

A professional plans the calls of the coming weeks in one step ("每 2 天回访一次，
到 3 月 10 日"); the dates are computed here and stored one FollowUp each, so each
call can be ticked off with its own short summary.
"""

from datetime import date, timedelta

# More than this in one schedule is a typo (every 1 day for a year), not a plan.
MAX_DATES = 60
# How far ahead a plan may reach.
MAX_DAYS_AHEAD = 366


class ScheduleError(ValueError):
    """Why a schedule cannot be made: the field it is about and a reason code."""

    def __init__(self, field: str, code: str, values: tuple = ()):
        super().__init__(field, code, *values)
        self.field, self.code, self.values = field, code, values


def follow_up_dates(first: date, every: int | None = None, until: date | None = None, today=None):
    """The dates of a schedule starting on `first`.

    Without `every` it is the single date `first` (an `until` is then ignored).
    With `every` (days) and `until`, it is first, first + every, … up to and
    including `until`. `today`, when given, must not be after `first`.
    """
    if today is not None and first < today:
        raise ScheduleError("first", "first_in_past")
    if today is not None and (first - today).days > MAX_DAYS_AHEAD:
        raise ScheduleError("first", "too_far")
    if not every:
        return [first]
    if every < 1:
        raise ScheduleError("every", "every_not_positive")
    if until is None:
        raise ScheduleError("until", "until_missing")
    if until < first:
        raise ScheduleError("until", "until_before_first")
    if (until - first).days > MAX_DAYS_AHEAD:
        raise ScheduleError("until", "too_far")
    count = (until - first).days // every + 1
    if count > MAX_DATES:
        raise ScheduleError("every", "too_many", (count,))
    return [first + timedelta(days=every * i) for i in range(count)]


def new_dates(dates, existing):
    """The dates not already planned: a double submit or an overlapping plan adds none twice."""
    taken = set(existing)
    return [d for d in dates if d not in taken]
