"""Public (language-prefixed) URLs of this app; included by cms.urls."""

from django.urls import path, re_path

from . import views, views_coverage, views_support

app_name = "directory"

urlpatterns = [
    path("organisations/register/", views.register, name="register"),
    path("organisations/mine/", views.mine, name="mine"),
    path("organisations/<int:pk>/edit/", views.edit, name="edit"),
    path("organisations/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("organisations/<int:pk>/members/", views.members, name="members"),
    path("organisations/<int:pk>/notifications/", views.notifications, name="notifications"),
    path("organisations/invitations/<str:token>/", views.invitation, name="invitation"),
    re_path(r"^organisations/export\.(?P<fmt>csv|xlsx|json)$", views.export, name="export"),
    path("organisations/<int:organisation_pk>/needs-offers/new/", views_support.item_edit, name="item_new"),
    path("organisations/<int:organisation_pk>/needs-offers/<int:pk>/edit/", views_support.item_edit,
         name="item_edit"),
    path("needs-offers/", views_support.item_list, name="items"),
    re_path(r"^needs-offers\.(?P<fmt>csv|json)$", views_support.item_download, name="items_download"),
    path("needs-offers/<int:pk>/", views_support.item_detail, name="item"),
    path("needs-offers/<int:pk>/close/", views_support.item_close, name="item_close"),
    path("needs-offers/<int:pk>/propose/", views_support.propose, name="propose"),
    re_path(r"^partnerships/(?P<pk>\d+)/(?P<decision>accept|decline)/$", views_support.answer, name="answer"),
    path("coverage/", views_coverage.coverage_page, name="coverage"),
    re_path(r"^coverage\.(?P<fmt>csv|json)$", views_coverage.coverage_download, name="coverage_download"),
]
