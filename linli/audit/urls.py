from django.urls import path

from linli.audit import views

app_name = "audit"
urlpatterns = [
    path("residents/<int:pk>/", views.resident_log, name="resident_log"),
]
