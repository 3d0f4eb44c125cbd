"""Open data API URLs of this app, mounted under /api/v1/ by cms.urls."""

from django.urls import path

from . import api

urlpatterns = [
    path("organisations", api.OrganisationList.as_view(), name="api-organisations"),
    path("organisations/<int:pk>", api.OrganisationDetail.as_view(), name="api-organisation"),
]
