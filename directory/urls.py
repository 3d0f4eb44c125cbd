"""Public (language-prefixed) URLs of this app; included by cms.urls."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("organisations/register/", views.register, name="register"),
    path("organisations/mine/", views.mine, name="mine"),
    path("organisations/<int:pk>/edit/", views.edit, name="edit"),
    path("organisations/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("organisations/<int:pk>/members/", views.members, name="members"),
    path("organisations/invitations/<str:token>/", views.invitation, name="invitation"),
]
