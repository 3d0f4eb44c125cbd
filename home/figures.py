"""The home page's key figures ("124 organisations", "16 voivodeships covered"…), contributed by each app.

An app adds figures by defining `figures(request, locale_id)` in its own `figures.py`,
returning [{"value": int, "label": str, "url": str}]. Figures count public data only (the
same for every reader), so they are cached per language for a few minutes: a figure may
lag a new organisation by that long, never show anything members-only.
"""

from django.utils import translation

from core.discovery import app_modules

from . import frame

FIGURES_TIMEOUT = 300


def key_figures(request, locale_id):
    """Every app's figures in the order of LOCAL_APPS (cached per language; uncached in previews)."""
    def compute():
        return [figure for _app, module in app_modules("figures", exclude=("home",)) for figure in module.figures(request, locale_id)]

    if getattr(request, "is_preview", False):
        return compute()
    return frame.cached(("home:figures", locale_id, translation.get_language()), compute, timeout=FIGURES_TIMEOUT)
