"""Open data API URLs of this app, mounted under /api/v1/ by cms.urls."""

from django.urls import path

from . import api

urlpatterns = [
    path("groups", api.GroupList.as_view(), name="api-groups"),
    path("groups/<int:pk>", api.GroupDetail.as_view(), name="api-group"),
    path("meetings", api.MeetingList.as_view(), name="api-meetings"),
]
