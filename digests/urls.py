"""Public (language-prefixed) URLs of this app; included by cms.urls."""

from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("digests/subscribe/", views.subscribe, name="subscribe"),
    path("digests/confirm/<str:token>/", views.confirm_view, name="confirm"),
    path("digests/unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("digests/contact-unsubscribe/<str:token>/", views.contact_unsubscribe_view, name="contact_unsubscribe"),
    path("digests/preferences/", views.member_preferences, name="preferences"),
    path("digests/manage/", views.manage_request, name="manage_request"),
    path("digests/manage/<str:token>/", views.manage_view, name="manage"),
]
