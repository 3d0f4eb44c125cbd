"""The home page's "latest" sections, contributed by each app.

An app adds a section by defining `latest(request, locale_id)` in its own
`latest.py`, returning `{"title", "url", "items": [{"title", "url", "meta"}]}`
or None. Home never imports the other apps' models directly.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.utils import translation

from . import frame

# Sections may depend on the time ("upcoming meetings"): cached ones are recomputed at least this often.
SECTIONS_TIMEOUT = 300


def latest_sections(request, locale_id):
    """Collect the sections that the local apps offer, in the order of LOCAL_APPS."""
    sections = []
    for app in settings.LOCAL_APPS:
        if app == "home" or find_spec(f"{app}.latest") is None:
            continue
        section = import_module(f"{app}.latest").latest(request, locale_id)
        if section and section.get("items"):
            sections.append(section)
    return sections


def cached_latest_sections(request, locale_id):
    """latest_sections, cached for anonymous visitors (per language) until the next publication.

    A signed-in reader may see members-only items, so their sections are computed for them
    and never stored: nothing from a member's view can reach an anonymous visitor's page.
    """
    user = getattr(request, "user", None)
    if (user is not None and user.is_authenticated) or getattr(request, "is_preview", False):
        return latest_sections(request, locale_id)
    return frame.cached(("home:latest", locale_id, translation.get_language(), "anonymous"),
                        lambda: latest_sections(request, locale_id), timeout=SECTIONS_TIMEOUT)
