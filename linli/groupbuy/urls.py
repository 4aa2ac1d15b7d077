"""Group-buying pages under /groupbuy/. Shared by the team: add your paths surgically."""

from django.urls import path

from linli.groupbuy import views_jielong

app_name = "groupbuy"

urlpatterns = [
    # 接龙 paste → preview → confirm (G2)
    path("jielong/", views_jielong.rounds, name="jielong_rounds"),
    path("rounds/<int:round_pk>/jielong/", views_jielong.paste, name="jielong_paste"),
    path("jielong/<int:pk>/", views_jielong.preview, name="jielong_preview"),
    path("jielong/<int:pk>/confirm/", views_jielong.confirm, name="jielong_confirm"),
    path(
        "jielong/<int:pk>/<int:n>/household/",
        views_jielong.fix_household,
        name="jielong_household",
    ),
    path("jielong/<int:pk>/<int:n>/items/<int:i>/", views_jielong.fix_item, name="jielong_item"),
    path("jielong/<int:pk>/<int:n>/skip/", views_jielong.skip, name="jielong_skip"),
]
