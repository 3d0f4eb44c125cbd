"""Open data API URLs of this app, mounted under /api/v1/ by cms.urls."""

from django.urls import path

from .api import AutocompleteAPIView, SearchAPIView

urlpatterns = [
    path("search", SearchAPIView.as_view(), name="api-search"),
    path("search/autocomplete", AutocompleteAPIView.as_view(), name="api-search-autocomplete"),
]
