from django.urls import path

from linli.outbound import views

app_name = "outbound"
urlpatterns = [
    path("", views.deliveries, name="deliveries"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("robots/", views.robots, name="robots"),
    path("robots/<int:pk>/", views.robot_edit, name="robot_edit"),
    path("robots/<int:pk>/test/", views.robot_test, name="robot_test"),
]
