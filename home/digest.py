"""Forum news for digests (the content-source protocol of digests.sources)."""

from digests.pages import page_digest_items

from .models import NewsPage


def digest_items(start, end):
    """News items first published in [start, end), each with all its translations."""
    return page_digest_items(NewsPage, start, end, "news",
                             summary=lambda page: page.introduction or page.search_description)
