"""Open data API URLs of this app, mounted under /api/v1/ by cms.urls."""

from django.urls import path

from . import api

urlpatterns = [
    path("positions", api.PositionList.as_view(), name="api-positions"),
    path("positions/<int:pk>", api.PositionDetail.as_view(), name="api-position"),
]
