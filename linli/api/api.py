"""The Linli HTTP API: one NinjaAPI that every feature's router joins.

Docs at /api/docs, the OpenAPI schema at /api/openapi.json (docs/api.md).
A feature adds its endpoints with a Router in its own module and one line here:

    api.add_router("/", groupbuy_router)

Its endpoints then get authentication (bearer token or signed-in session),
the caller's language, the error format, rate limiting and, through
`linli.api.pagination.paginated` and `linli.api.scoping`, the shared pagination
and scoping.
"""

from csp.decorators import csp_update
from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import UserRateThrottle

from linli.api import errors
from linli.api.auth import acting_as_caller, session_auth, token_auth
from linli.api.gate import router as gate_router
from linli.api.groupbuy import router as groupbuy_router
from linli.api.health import router as health_router
from linli.api.language import in_callers_language
from linli.api.needs import router as needs_router
from linli.api.registry import router as registry_router
from linli.chat.api import router as chat_router

# Per user (per address before sign-in), counted in the Django cache; without a
# shared cache (docs/deploy.md) each app server process counts on its own.
RATE = "600/m"


class WriteRateThrottle(UserRateThrottle):
    """A stricter count of the calls that change data (POST, PUT, PATCH, DELETE).

    Reads stay at RATE; a script that writes in a loop is stopped much sooner.
    Its rate is LINLI_API_WRITE_RATE (settings).
    """

    scope = "write"

    def allow_request(self, request) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request)


DESCRIPTION = """
邻里社区平台的接口。用 `Authorization: Bearer <令牌>` 调用（令牌在“接口令牌”页面创建），
或在已登录的浏览器里直接调用。所有错误都是
`{"error": {"code": "…", "message": "…", "details": […]}}`。

The Linli community platform's API. Call it with `Authorization: Bearer <token>`
(tokens are made on the API tokens page), or from a signed-in browser. Every
error is `{"error": {"code": "…", "message": "…", "details": […]}}`.
"""


def new_api(*, rate=RATE, write_rate=None, **options) -> NinjaAPI:
    """A NinjaAPI with Linli's authentication, language, errors and rate limits."""
    throttle = [
        UserRateThrottle(rate),
        WriteRateThrottle(write_rate or settings.LINLI_API_WRITE_RATE),
    ]
    api = NinjaAPI(auth=[token_auth, session_auth], throttle=throttle, **options)
    errors.install(api)
    api.add_decorator(in_callers_language, mode="view")
    api.add_decorator(acting_as_caller, mode="operation")
    return api


api = new_api(
    title="Linli API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    docs_url="/docs",
    # Swagger UI (bundled with ninja, served from our static files) sets
    # inline styles as it draws; scripts stay 'self' only.
    docs_decorator=csp_update({"style-src": ["'unsafe-inline'"]}),
    openapi_url="/openapi.json",
)
api.add_router("/", registry_router)
api.add_router("/", health_router)
api.add_router("/", groupbuy_router)
api.add_router("/", gate_router)
api.add_router("/", needs_router)
api.add_router("/", chat_router)
