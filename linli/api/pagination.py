"""Page-number pagination, the one way every API list is cut into pages:

    ?page=2&page_size=100  →  {"items": [...], "count": 1234, "page": 2, "pages": 13}

Use it as `@paginated` under the router's decorator, with
`response=list[ItemSchema]`; the endpoint returns a queryset.
"""

import math
from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase, paginate

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class PagePagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, description="1 is the first page.")
        page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        pages: int

    def paginate_queryset(self, queryset, pagination, request, **params):
        count = self._items_count(queryset)
        size = pagination.page_size
        start = (pagination.page - 1) * size
        # A page past the end is empty rather than an error; `pages` says where it ends.
        items = list(queryset[start : start + size]) if start < count else []
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "pages": max(1, math.ceil(count / size)),
        }


paginated = paginate(PagePagination)
