"""The acting user and address for audit entries written outside a view's reach.

Signals fire deep inside model saves; a context variable carries the request's
user and address there without threading them through every call.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar[tuple] = ContextVar("linli_audit_actor", default=(None, None))


def current_actor():
    """(user or None, address or None)."""
    return _actor.get()


@contextmanager
def acting_as(user, address=None):
    token = _actor.set((user, address))
    try:
        yield
    finally:
        _actor.reset(token)


def client_address(request) -> str | None:
    """The client's address, as the nearest trusted proxy saw it.

    X-Forwarded-For is whatever the client sent plus what each proxy appended,
    so only the last LINLI_PROXY_COUNT entries can be trusted; with no proxy
    configured the header is ignored, or anyone could dodge the per-address
    login limits by inventing one.
    """
    from django.conf import settings

    proxies = settings.LINLI_PROXY_COUNT
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None
