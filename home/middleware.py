"""Middleware of the site frame."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

# Unprefixed paths whose 404s are final: an API client asked for a resource that does not
# exist (or a document that does not) and must get a 404, not a redirect to /pl/api/… and an HTML page.
NO_LANGUAGE_REDIRECT = ("/api/", "/documents/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, without the "add a language prefix" redirect under /api/."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(NO_LANGUAGE_REDIRECT):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
