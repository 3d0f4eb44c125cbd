"""The home page's key figures ("124 organisations", "16 voivodeships covered"…), contributed by each app.

An app adds figures by defining `figures(request, locale_id)` in its own `figures.py`,
returning [{"value": int, "label": str, "url": str}]. Figures count public data only (the
same for every reader), so they are cached per language for a few minutes: a figure may
lag a new organisation by that long, never show anything members-only. The cache key holds
the tree paths hidden from anonymous visitors, read with this request: a view restriction,
however written (bulk_create fires no signal), gives new figures on the next request.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from core.access import reader_hidden_paths

from core.discovery import app_modules

from . import frame

FIGURES_TIMEOUT = 300


def key_figures(request, locale_id):
    """Every app's figures in the order of LOCAL_APPS (cached per language; uncached in previews)."""
    def compute():
        return [figure for _app, module in app_modules("figures", exclude=("home",)) for figure in module.figures(request, locale_id)]

    if getattr(request, "is_preview", False):
        return compute()
    hidden = reader_hidden_paths(request, AnonymousUser())
    return frame.cached(("home:figures", locale_id, translation.get_language(), hidden), compute,
                        timeout=FIGURES_TIMEOUT)
