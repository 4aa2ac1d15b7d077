"""Ids and text as the API accepts them, in paths, queries and bodies.

Ids are positive and fit the database's 64-bit integers: a larger number is a
422 that says so, not a crash deep in the database driver (SQLite cannot even
bind it). Text never holds U+0000, which PostgreSQL cannot store or compare:
give a text parameter `pattern=NO_NUL`. A time (`Moment`) is one a database can
store: year 1 at +14:00 or year 9999 at -12:00 is valid ISO 8601 but has no UTC.
"""

import datetime
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

MAX_ID = 2**63 - 1
NO_NUL = r"^[^\x00]*$"

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _storable(value: datetime.datetime) -> datetime.datetime:
    # Without an offset: the community's time zone (TIME_ZONE), as on the pages.
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        value.astimezone(datetime.UTC)
    except OverflowError:
        raise PydanticCustomError("datetime_out_of_range", "time out of range") from None
    return value


Moment = Annotated[datetime.datetime, AfterValidator(_storable)]
