from django.urls import path  # noqa: F401

from linli.cases import views_needs, views_paste

app_name = "cases"
urlpatterns = []

# Needs: intake from every channel, the list and a need's page.
urlpatterns += [
    path("needs/", views_needs.need_list, name="needs"),
    path("needs/new/", views_needs.need_new, name="need_new"),
    path("needs/phone/", views_needs.need_phone, name="need_phone"),
    path("needs/phone/<int:household_pk>/", views_needs.need_phone_form, name="need_phone_form"),
    path("needs/paste/", views_paste.need_paste, name="need_paste"),
    path("needs/<int:pk>/", views_needs.need_detail, name="need"),
    path("needs/<int:pk>/done/", views_needs.need_done, name="need_done"),
]
