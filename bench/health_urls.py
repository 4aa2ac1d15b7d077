"""Every real URL, plus the bare-stack baseline of bench_health.py: the same
middleware as the API, no authentication, one INSERT."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from linli.audit.models import AuditEntry


@csrf_exempt
def baseline(request):
    AuditEntry.objects.create(action="create", model="bench.baseline")
    return HttpResponse(status=204)


urlpatterns = [
    path("_bench/baseline/", baseline),
    path("", include("linli.urls")),
]
