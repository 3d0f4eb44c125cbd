"""Public (language-prefixed) URLs of member updates and group discussions; included by cms.urls."""

from django.urls import path

from . import update_views, views

app_name = "community"

urlpatterns = [
    path("updates/", update_views.feed, name="updates"),
    path("updates/new/", update_views.new_update, name="new_update"),
    path("updates/<int:pk>/", update_views.update_detail, name="update"),
    path("updates/<int:pk>/hide/", update_views.hide_update, name="hide_update"),
    path("updates/<int:pk>/unhide/", update_views.unhide_update, name="unhide_update"),
    path("updates/<int:pk>/report/", update_views.report_update, name="report_update"),
    path("challenges/", update_views.challenges, name="challenges"),
    path("discussions/groups/<int:pk>/", views.group_threads, name="group_threads"),
    path("discussions/groups/<int:pk>/new/", views.new_thread, name="new_thread"),
    path("discussions/<int:pk>/", views.thread_detail, name="thread"),
    path("discussions/<int:pk>/follow/", views.subscribe, name="subscribe"),
    path("discussions/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("discussions/posts/<int:pk>/hide/", views.hide_post, name="hide_post"),
    path("discussions/posts/<int:pk>/unhide/", views.unhide_post, name="unhide_post"),
    path("discussions/posts/<int:pk>/report/", views.report_post, name="report_post"),
]
