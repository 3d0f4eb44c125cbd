"""The home page's "latest" sections, contributed by each app.

An app adds a section by defining `latest(request, locale_id)` in its own
`latest.py`, returning `{"title", "url", "items": [{"title", "url", "meta"}]}`
or None. Home never imports the other apps' models directly.

A module declaring `CACHED_UNTIL_PUBLICATION = True` (its section shows pages only, so it
changes only when pages are published, unpublished, moved or restricted) has its section
cached (see home.frame) for anonymous visitors, and for signed-in readers too when it also
declares `SAME_FOR_EVERYONE = True` (never depends on who reads it) or `SAME_FOR_SAME_HIDDEN_PATHS
= True` (depends on its reader only through the tree paths hidden from them, as
core.access.visible_pages_for does): such a section is kept per those paths, read from the
database with each request, so a restriction written without signals changes the key at once.
A section that shows other data too (member updates) is cached the same way when its module names,
in `READ_MODELS`, the home.versions counters that every write of that data bumps: they are part of
the key. Otherwise a section is computed on every request, so members-only items cannot leak and
non-page content is never stale.
"""

from django.utils import translation

from core.access import reader_hidden_paths, request_restrictions, without_hidden
from core.discovery import app_modules

from . import frame, versions

# Sections may depend on the time ("upcoming meetings"): cached ones are recomputed at least this often.
SECTIONS_TIMEOUT = 300


def _modules():
    return app_modules("latest", exclude=("home",))


def latest_sections(request, locale_id):
    """Collect the sections that the local apps offer, in the order of LOCAL_APPS (uncached)."""
    sections = []
    for _app, module in _modules():
        section = module.latest(request, locale_id)
        if section and section.get("items"):
            sections.append(section)
    return sections


def visible_part(request, section):
    """A cached `section` as anonymous visitors may see it under the restrictions read with this
    request (a restriction written without signals cannot invalidate the cache): items, and the
    section itself, carry their page's tree "path"."""
    if not section:
        return section
    catalogue = request_restrictions(request)
    if not without_hidden([section], catalogue):
        return {}
    return {**section, "items": without_hidden(section.get("items", []), catalogue)}


def cached_latest_sections(request, locale_id):
    """latest_sections, each section cached per language and audience until the next publication."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    preview = getattr(request, "is_preview", False)
    sections = []
    for app, module in _modules():
        read_models = getattr(module, "READ_MODELS", ())
        cacheable = getattr(module, "CACHED_UNTIL_PUBLICATION", False) or bool(read_models)
        by_hidden_paths = getattr(module, "SAME_FOR_SAME_HIDDEN_PATHS", False)
        per_reader = signed_in and not getattr(module, "SAME_FOR_EVERYONE", False)
        parts = ("home:latest", app, locale_id, translation.get_language(),
                 *(versions.request_current(name) for name in read_models))
        if preview or not cacheable or (per_reader and not by_hidden_paths):
            section = module.latest(request, locale_id)
        elif by_hidden_paths:  # for visitors too: the items need not carry their tree paths
            section = frame.cached((*parts, reader_hidden_paths(request)),
                                   lambda module=module: module.latest(request, locale_id) or {},
                                   timeout=SECTIONS_TIMEOUT)
        else:
            section = visible_part(request, frame.cached(
                parts, lambda module=module: module.latest(request, locale_id) or {}, timeout=SECTIONS_TIMEOUT))
        if section and section.get("items"):
            sections.append(section)
    return sections
