"""Who is calling: a program with a bearer token, or a signed-in page.

Both set `request.user`, so endpoints and `linli.accounts.scope` treat them the
same way. A token that is sent but wrong is refused outright rather than
falling back to the session, so a script never silently runs as whoever is
signed in to the same browser.
"""

from functools import wraps

from django.utils import translation
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from linli.api.errors import ApiError
from linli.api.language import caller_language
from linli.api.models import ApiToken
from linli.audit.context import acting_as, client_address


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <secret>`, the secret of an ApiToken."""

    def authenticate(self, request, token):
        api_token = ApiToken.find(token.strip())
        if api_token is None:
            raise ApiError(401, "invalid_token", headers={"WWW-Authenticate": "Bearer"})
        if api_token.is_revoked:
            raise ApiError(401, "token_revoked", headers={"WWW-Authenticate": "Bearer"})
        if not api_token.user.is_active:
            raise ApiError(401, "account_inactive", headers={"WWW-Authenticate": "Bearer"})
        api_token.touch()
        request.user = api_token.user
        request.api_token = api_token
        # Inside `in_callers_language`, which restores the previous language
        # when the request is done.
        translation.activate(caller_language(request, api_token.user))
        return api_token.user


class SignedInSession(SessionAuth):
    """The browser's session, for pages calling the API; unsafe methods need
    the CSRF token like any form post. Unlike ninja's `django_auth` it checks
    CSRF only once it knows the caller is signed in, so an anonymous caller
    hears 401 (sign in) rather than 403."""

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and check_csrf(request):
            raise ApiError(403, "csrf_failed")
        return user


token_auth = TokenAuth()
session_auth = SignedInSession()


def acting_as_caller(view_func):
    """Registry changes made by an endpoint are audited as the caller's: the
    audit middleware ran before a token named its user."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        user = request.user if request.user.is_authenticated else None
        with acting_as(user, client_address(request)):
            return view_func(request, *args, **kwargs)

    return wrapper
