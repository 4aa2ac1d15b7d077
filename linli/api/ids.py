"""Ids as the API accepts them, in paths, queries and bodies.

Ids are positive and fit the database's 64-bit integers: a larger number is a
422 that says so, not a crash deep in the database driver (SQLite cannot even
bind it).
"""

from typing import Annotated

from pydantic import Field

MAX_ID = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
