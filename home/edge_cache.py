"""The edge page cache (nginx, deploy/nginx.conf): which URLs a change purges, and when.

nginx keeps the pages anonymous visitors get for 60 s. Wagtail's frontend cache
(`wagtail.contrib.frontend_cache`, WAGTAILFRONTENDCACHE from FRONTEND_CACHE_PURGE_URL) purges
a page's own URLs when it is published or unpublished, from inside the publishing
transaction. Here the page is purged again once the transaction has committed (a visitor's
request in between would otherwise put the old page back for a minute), together with its
ancestors: index pages and the home page list it ("latest" sections, listings). After a move
both the old and the new ancestors are purged. Other pages that show it (the menu on every
page, the other languages' sections) follow within the 60 s.
"""

from django.conf import settings
from django.db import transaction


def enabled():
    """Whether an edge cache is configured (FRONTEND_CACHE_PURGE_URL: cms/settings/base.py)."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_pages(pages):
    """Purge the URLs of `pages` from the edge cache."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    if batch.urls:
        batch.purge()


def _with_ancestors(page):
    """The page and its live ancestors below the tree's root (which has no URL)."""
    return [page, *page.get_ancestors().filter(depth__gt=1).live().specific()]


def page_changed(instance, **kwargs):
    """After commit: purge the published or unpublished page and every page above it."""
    if enabled():
        pages = _with_ancestors(instance)
        transaction.on_commit(lambda: purge_pages(pages))


def page_moved(instance, parent_page_before=None, **kwargs):
    """After commit: purge the moved page and both its old and its new ancestors."""
    if enabled():
        pages = _with_ancestors(instance)
        if parent_page_before is not None:
            pages += _with_ancestors(parent_page_before.specific)
        transaction.on_commit(lambda: purge_pages(pages))


def connect():
    """Connect the purges to Wagtail's page signals."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(page_changed, dispatch_uid="edge_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="edge_cache_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="edge_cache_moved")
