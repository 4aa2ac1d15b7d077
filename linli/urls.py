from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("linli.front.urls")),
    path("accounts/", include("linli.accounts.urls")),
    path("community/", include("linli.community.urls")),
    path("audit/", include("linli.audit.urls")),
    path("groupbuy/", include("linli.groupbuy.urls")),
    path("api/", include("linli.api.urls")),
    path("health/", include("linli.health.urls")),
    path("gate/", include("linli.gate.urls")),
    path("cases/", include("linli.cases.urls")),
    path("notices/", include("linli.notices.urls")),
    path("reports/", include("linli.reports.urls")),
    path("chat/", include("linli.chat.urls")),
    path("outbound/", include("linli.outbound.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Lets `linli serve` show public uploads in development. Never MEDIA_ROOT/private
    # (prescription photos): only the checked view (groupbuy:prescription) sends those.
    import posixpath

    from django.http import Http404
    from django.urls import re_path
    from django.views.static import serve

    def public_media(request, path):
        # Judged on the normalised path, as serve() reads it: ./private/, a/../private/
        if posixpath.normpath(path).lstrip("/").partition("/")[0] == "private":
            raise Http404
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", public_media)]
