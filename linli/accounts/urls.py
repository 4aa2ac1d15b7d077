from django.contrib.auth import views as auth_views
from django.urls import path

from linli.accounts import views
from linli.accounts.forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("phone/", views.phone_login, name="phone_login"),
    path("phone/verify/", views.phone_verify, name="phone_verify"),
    path("language/", views.language, name="language"),
]
