"""Open data API URLs of this app, mounted under /api/v1/ by cms.urls."""

from django.urls import path

from . import api

urlpatterns = [
    path("innovations", api.InnovationList.as_view(), name="api-innovations"),
    path("innovations/<int:pk>", api.InnovationDetail.as_view(), name="api-innovation"),
]
