"""The one place that decides between a page and its htmx fragment."""


def htmx_partial(request) -> bool:
    """True when htmx asked for a fragment of the page it already shows.

    A boosted request wants a whole page (it replaces the body), so it counts as
    a full-page request, like a plain GET from the no-script fallback.
    """
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted
