"""A small API built by the same factory as the real one, with endpoints that
fail on purpose, for the error-format tests (the real API has no endpoint that
crashes, forbids or takes a POST yet)."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from ninja import Schema

from linli.api.api import new_api
from linli.api.scoping import get_scoped_or_404
from linli.community.models import Household

api = new_api(urls_namespace="api_error_tests", docs_url=None, openapi_url=None, rate="3/m")


class Note(Schema):
    text: str


@api.get("/boom")
def boom(request):
    raise RuntimeError("a bug")


@api.get("/forbidden")
def forbidden(request):
    raise PermissionDenied


@api.get("/households/{household_id}")
def household(request, household_id: int):
    return {"id": get_scoped_or_404(request, Household.objects.all(), pk=household_id).pk}


@api.post("/notes")
def add_note(request, note: Note):
    return {"text": note.text}


urlpatterns = [path("api/", api.urls)]
