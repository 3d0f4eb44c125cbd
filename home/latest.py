"""The home page's "latest" sections, contributed by each app.

An app adds a section by defining `latest(request, locale_id)` in its own
`latest.py`, returning `{"title", "url", "items": [{"title", "url", "meta"}]}`
or None. Home never imports the other apps' models directly.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings


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
