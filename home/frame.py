"""The page frame's data (menu, language links, footer, home URL): memoised per request,
cached across requests per language, dropped whenever published content changes.

Every page renders the frame, so its few lookups would otherwise repeat on every request
(Locale.get_active alone was called five times per page). Three layers keep it cheap:

- `Locale.get_active` is memoised for the duration of a request (see `memoise_locales`);
- `cached(parts, compute)` keeps a value in the Django cache under a key made of `parts`
  and the frame *version*, a random token replaced by `invalidate()` on every publish,
  unpublish, move, delete, view-restriction change and footer/settings save (see
  `connect`), so a publication shows on the next request of every process;
- `settings.FRAME_CACHE = False` turns the cross-request layer off (the bench measures the
  frame both ways).

Only anonymous-safe data is cached: the menu lists public pages only, whoever asks.
"""

import hashlib
import uuid

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

VERSION_KEY = "frame:version"
TIMEOUT = 24 * 3600

_request_state = Local()


def version():
    """The current frame version token (created when missing)."""
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(VERSION_KEY) or ""
    return token


def invalidate(**kwargs):
    """Make every cached frame value stale (a fresh random token, never reused)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    _forget_locales()


def enabled():
    """Whether values are kept across requests (settings.FRAME_CACHE, default True)."""
    return getattr(settings, "FRAME_CACHE", True)


def cached(parts, compute, timeout=TIMEOUT):
    """`compute()`'s value, kept in the cache under `parts` + the frame version.

    `parts` must name everything the value depends on (language, page, user state…).
    """
    if not enabled():
        return compute()
    raw = "|".join(str(part) for part in (*parts, version()))
    key = "frame:" + hashlib.sha1(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def memo(request, name, compute):
    """`compute()` once per request (stored on the request object)."""
    if request is None:
        return compute()
    store = request.__dict__.setdefault("_frame_memo", {})
    if name not in store:
        store[name] = compute()
    return store[name]


def without_restricted(queryset):
    """`queryset` (of pages) without restricted pages and their subtrees, like PageQuerySet.public(),
    but in the same query (public() first reads every restriction in a query of its own)."""
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import Length, Substr
    from wagtail.models import PageViewRestriction

    # A restriction applies when its page's path is a prefix of the item's path.
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return queryset.exclude(Exists(restricted))


# Locale memo ------------------------------------------------------------------------------------

def _forget_locales(**kwargs):
    _request_state.locales = None


def _request_started(**kwargs):
    _request_state.locales = {}


def memoise_locales():
    """Wrap Locale.get_active so that, inside a request, each language is looked up once.

    Wagtail calls it from `Page.localized`, the serve view and our tags; outside requests
    (shell, tasks, tests calling models directly) the original lookup runs unchanged.
    """
    from django.core.signals import request_finished, request_started
    from wagtail.models import Locale

    if getattr(Locale.get_active, "_frame_memoised", False):
        return
    original = Locale.get_active.__func__

    def get_active(cls):
        locales = getattr(_request_state, "locales", None)
        if locales is None:
            return original(cls)
        code = translation.get_language()
        if code not in locales:
            locales[code] = original(cls)
        return locales[code]

    get_active._frame_memoised = True
    Locale.get_active = classmethod(get_active)
    request_started.connect(_request_started, dispatch_uid="frame_locales_start")
    request_finished.connect(_forget_locales, dispatch_uid="frame_locales_end")


# Invalidation -------------------------------------------------------------------------------------

def _page_saved(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate()


def connect():
    """Connect invalidation to every change that can alter the frame or a cached section."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from .models import FooterText, SiteSettings

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"frame_invalidate_{id(signal)}")
    # Pages saved outside the publish workflow (imports, add_child in code) and deletions.
    post_save.connect(_page_saved, dispatch_uid="frame_page_saved")
    post_delete.connect(_page_saved, dispatch_uid="frame_page_deleted")
    for model in (FooterText, SiteSettings, Site, Locale, PageViewRestriction):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"frame_saved_{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"frame_deleted_{model.__name__}")
    m2m_changed.connect(invalidate, sender=PageViewRestriction.groups.through, dispatch_uid="frame_restriction_groups")
