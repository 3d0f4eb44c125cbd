"""Public (language-prefixed) URLs of this app; included by cms.urls."""

from django.urls import path

from . import start, views

app_name = "accounts"
urlpatterns = [
    path("start/", start.start, name="start"),
    path("profile/", start.profile, name="profile"),
    path("privacy/", views.privacy_dashboard, name="privacy"),
    path("privacy/export/", views.request_export, name="request_export"),
    path("privacy/export/<str:token>/status/", views.export_status, name="export_status"),
    path("privacy/export/<str:token>/", views.download_export, name="download_export"),
    path("privacy/consents/<slug:purpose>/withdraw/", views.withdraw, name="withdraw_consent"),
    path("privacy/accept/", views.accept_terms, name="accept_terms"),
    path("privacy/delete/", views.delete_account, name="delete_account"),
]
