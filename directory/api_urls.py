"""Open data API URLs of this app, mounted under /api/v1/ by cms.urls."""

urlpatterns = []
