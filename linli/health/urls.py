from django.urls import path

from linli.health import care_views, views

app_name = "health"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("buildings/<int:pk>/", views.sheet, name="sheet"),
    path("buildings/<int:pk>/missing/", views.missing, name="missing"),
    path("households/<int:pk>/normal/", views.household_normal, name="household_normal"),
    path("residents/<int:pk>/checkin/", views.checkin, name="checkin"),
    path("residents/<int:pk>/", care_views.person, name="person"),
    path("residents/<int:pk>/category/", care_views.category_add, name="category_add"),
    path("residents/<int:pk>/transfer/", care_views.transfer_request, name="transfer_request"),
    path("residents/<int:pk>/quarantine/", care_views.quarantine_start, name="quarantine_start"),
    path("visits/<int:pk>/", care_views.visit, name="visit"),
    path("transfers/<int:pk>/", care_views.transfer_advance, name="transfer_advance"),
    path("quarantines/<int:pk>/end/", care_views.quarantine_end, name="quarantine_end"),
    path("quarantines/<int:pk>/follow-up/", care_views.follow_up, name="follow_up"),
    path("quarantines/<int:pk>/release/", care_views.release, name="release"),
]
