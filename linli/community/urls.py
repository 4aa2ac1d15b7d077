from django.urls import path

from linli.community import roster_views, views

app_name = "community"
urlpatterns: list = [
    path("", views.overview, name="overview"),
    path("buildings/<int:pk>/", views.building, name="building"),
    path("buildings/<int:pk>/households/add/", views.household_add, name="household_add"),
    path("households/<int:pk>/", views.household, name="household"),
    path("households/<int:pk>/edit/", views.household_edit, name="household_edit"),
    path("households/<int:pk>/residents/add/", views.resident_add, name="resident_add"),
    path("residents/<int:pk>/", views.resident, name="resident"),
    path("residents/<int:pk>/edit/", views.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/reveal/<str:field>/", views.reveal, name="reveal"),
    path("search/", views.search, name="search"),
    path("roster/import/", roster_views.roster_import, name="roster_import"),
    path("roster/import/<int:pk>/", roster_views.roster_preview, name="roster_preview"),
    path("roster/export/", roster_views.roster_export, name="roster_export"),
]
