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
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Lets `linli serve` show uploaded files in development; nginx does it when deployed.
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
