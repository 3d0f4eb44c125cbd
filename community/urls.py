"""Public (language-prefixed) URLs of member updates and group discussions; included by cms.urls."""

from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("discussions/groups/<int:pk>/", views.group_threads, name="group_threads"),
    path("discussions/groups/<int:pk>/new/", views.new_thread, name="new_thread"),
    path("discussions/<int:pk>/", views.thread_detail, name="thread"),
    path("discussions/<int:pk>/follow/", views.subscribe, name="subscribe"),
    path("discussions/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("discussions/posts/<int:pk>/hide/", views.hide_post, name="hide_post"),
    path("discussions/posts/<int:pk>/unhide/", views.unhide_post, name="unhide_post"),
    path("discussions/posts/<int:pk>/report/", views.report_post, name="report_post"),
]
