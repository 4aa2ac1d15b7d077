"""The language an API caller is answered in.

A user who picked a language (or was given one other than the default) gets
it; otherwise the client's Accept-Language decides, so an English program
calling for a user who never chose still reads English; otherwise Chinese.
"""

from functools import wraps

from django.conf import settings
from django.utils import translation


def caller_language(request, user=None) -> str:
    user = user or getattr(request, "user", None)
    chose = (
        user is not None
        and user.is_authenticated
        and (user.language_chosen or user.language != settings.LANGUAGE_CODE)
    )
    if chose:
        return user.language
    header = request.headers.get("Accept-Language", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def in_callers_language(run):
    """Wraps an operation's whole run (authentication, the endpoint, the
    response and any error) in the caller's language as known before
    authentication; token authentication then switches to the token user's
    own, and leaving this block puts back whatever was active before."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        with translation.override(caller_language(request)):
            return run(request, *args, **kwargs)

    return wrapper
