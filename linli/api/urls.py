"""Everything under /api/: the token pages (namespace `api`), the API itself
(namespace `api_v1`), and a JSON 404 for any other address under /api/."""

from django.urls import include, path, re_path

from linli.api import views
from linli.api.api import api
from linli.api.fallback import not_found

token_patterns = [
    path("", views.tokens, name="tokens"),
    path("new/", views.token_create, name="token_create"),
    path("<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]

urlpatterns = [
    path("tokens/", include((token_patterns, "api"))),
    path("", api.urls),
    re_path(r"^", not_found),
]
