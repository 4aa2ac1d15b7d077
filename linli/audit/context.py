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
    # Behind nginx the client is the first hop of X-Forwarded-For (docs/deploy.md
    # has nginx set it); directly, it is the socket's peer.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
