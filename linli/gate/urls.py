from django.urls import path

from linli.gate import care_views, desk_views, views

app_name = "gate"
urlpatterns = [
    path("", desk_views.desk, name="desk"),
    path("passes/<int:pk>/out/", desk_views.go_out, name="out"),
    path("trips/<int:pk>/in/", desk_views.come_back, name="in"),
    path("refusals/<int:pk>/handled/", desk_views.handle_refusal, name="handle_refusal"),
    path("arrivals/", desk_views.arrivals, name="arrivals"),
    path("passes/", views.passes, name="passes"),
    path("passes/<int:pk>/", views.pass_detail, name="pass"),
    path("households/<int:pk>/passes/", views.household_passes, name="household_passes"),
    path("returnees/", care_views.returnees, name="returnees"),
    path("disinfection/", care_views.disinfection, name="disinfection"),
    path("disinfection/<int:pk>/done/", care_views.disinfect, name="disinfect"),
]
