"""Plain views of the site frame: health, robots.txt, security.txt, errors."""

import sys

from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import cache_state, database_state, queue_state, search_state, storage_state


@never_cache
@require_GET
def healthz(request):
    """Report the database, search engine, task queue, media storage and cache; 503 when the database is down.

    Search down (the database answers), the queue, the storage or the cache down: "degraded" (pages are
    served, slower without the cache; uploads or background work fail), still 200 so that the load
    balancer keeps the machine.
    """
    database = database_state()
    body = {"database": database, "search": search_state(), "queue": queue_state() if database == "ok" else {"state": "unknown"},
            "storage": storage_state(), "cache": cache_state()}
    healthy = database == "ok"
    degraded = (not body["search"].startswith(("ok", "fallback")) or body["queue"]["state"] != "ok"
                or body["storage"] != "ok" or body["cache"] != "ok")
    body["status"] = "down" if not healthy else ("degraded" if degraded else "ok")
    return JsonResponse(body, status=200 if healthy else 503)


@require_GET
def robots_txt(request):
    """Allow crawling of public pages, keep admin and accounts out, point at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /*/accounts/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def security_txt(request):
    """RFC 9116 contact for reporting vulnerabilities."""
    from .models import SiteSettings

    contact = SiteSettings.load(request_or_site=request).security_contact or "security@forum-razem.pl"
    lines = [
        f"Contact: mailto:{contact}",
        "Expires: 2027-12-31T23:00:00.000Z",
        "Preferred-Languages: pl, uk, en",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def api_not_found(request, exception=None):
    """404 in JSON for an unknown /api/ path (same shape as the API's own "detail" errors)."""
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request):
    """A 500 page that needs neither the database nor a request context.

    While the database cannot be reached (OperationalError, InterfaceError, raised
    by a view or any middleware) the answer is 503 with a "try again" page instead:
    Django calls this handler inside its `except` block, so the exception is known.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return render(request, "500.html", status=500, context={})


def bad_request(request, exception=None):
    """A 400 page in the site frame; for a Host this site does not serve, a page without it.

    The frame builds absolute links (hreflang alternates, page URLs) from the request's host,
    which raises DisallowedHost again for that request: the error page itself was a 500.
    """
    try:
        request.get_host()
    except DisallowedHost:
        return HttpResponse(loader.render_to_string("home/bad_host.html"), status=400)
    return render(request, "400.html", status=400)
