"""Public (language-prefixed) URLs of this app; included by cms.urls."""

urlpatterns = []
