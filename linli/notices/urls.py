from django.urls import path

from linli.notices import views, views_feedback, views_learning

app_name = "notices"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unread/", views.unread, name="unread"),
    path("<int:pk>/told/<int:resident>/", views.told, name="told"),
    path("feedback/", views_feedback.feedback_list, name="feedback_list"),
    path("feedback/new/", views_feedback.feedback_new, name="feedback_new"),
    path("feedback/<int:pk>/", views_feedback.feedback_detail, name="feedback_detail"),
    path("feedback/summary/", views_feedback.summary, name="summary"),
    path("articles/", views_learning.articles, name="articles"),
    path("articles/new/", views_learning.article_edit, name="article_new"),
    path("articles/<int:pk>/", views_learning.article, name="article"),
    path("articles/<int:pk>/edit/", views_learning.article_edit, name="article_edit"),
    path("activities/", views_learning.activities, name="activities"),
    path("activities/new/", views_learning.activity_new, name="activity_new"),
    path("activities/<int:pk>/", views_learning.activity, name="activity"),
    path("activities/<int:pk>/signup/", views_learning.activity_signup, name="activity_signup"),
]
