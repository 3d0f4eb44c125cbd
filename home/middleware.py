"""Middleware of the site frame."""

from django.http import Http404
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


class IdOverflowMiddleware:
    """An id beyond 64 bits is "no such thing" (404), not a server error.

    SQLite (the embedded default) stores integers in 64 bits and its driver raises OverflowError
    while binding a larger one, e.g. /api/v1/groups/99999999999999999999999 or a document or page
    id in any URL pattern (`<int:pk>` accepts any length); PostgreSQL simply finds no row. One
    place for every view, the project's and Wagtail's; query-string ids use core.params.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError) and "SQLite INTEGER" in str(exception):
            raise Http404
        return None
