from django.urls import path

from linli.front import views

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
]
