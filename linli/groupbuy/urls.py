"""Group-buying pages under /groupbuy/. Shared by the team: add your paths surgically."""

from django.urls import path  # noqa: F401

app_name = "groupbuy"

urlpatterns = []
