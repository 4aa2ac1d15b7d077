"""Ids and text as the API accepts them, in paths, queries and bodies.

Ids are positive and fit the database's 64-bit integers: a larger number is a
422 that says so, not a crash deep in the database driver (SQLite cannot even
bind it). Text never holds U+0000, which PostgreSQL cannot store or compare:
give a text parameter `pattern=NO_NUL`.
"""

from typing import Annotated

from pydantic import Field

MAX_ID = 2**63 - 1
NO_NUL = r"^[^\x00]*$"

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
