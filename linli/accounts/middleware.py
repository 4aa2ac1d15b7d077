from django.utils import translation


class UserLanguageMiddleware:
    """Serve each signed-in user in the language they chose (Chinese by default).

    Runs after the session middleware but before authentication, so it reads the
    user lazily through the session-backed `request.user` once that is set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = None
        user = getattr(request, "user", None)
        language = getattr(user, "language", None) if user and user.is_authenticated else None
        language = language or request.session.get("linli_language") or "zh-hans"
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
