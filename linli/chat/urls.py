from django.urls import path

from linli.chat import views

app_name = "chat"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
]
