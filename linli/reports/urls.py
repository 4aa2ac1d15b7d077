from django.urls import path

from linli.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("rollup.xlsx", views.rollup_xlsx, name="rollup_xlsx"),
    path("communities/<int:pk>/", views.community, name="community"),
    path("communities/<int:pk>/report.xlsx", views.community_xlsx, name="community_xlsx"),
]
