"""An unknown address under /api/ answers in the API's error format, not with
the HTML 404 page a program cannot read."""

from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from linli.api.errors import MESSAGES, error_body
from linli.api.language import caller_language


@csrf_exempt
def not_found(request):
    with translation.override(caller_language(request)):
        body = error_body("not_found", MESSAGES["not_found"])
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
