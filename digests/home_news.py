"""Forum news for digests (the content-source protocol of digests.sources).

home sits below digests in the layers (docs/architecture.md), so digests reads home's news
itself; every other app contributes its items in its own `digest.py`.
"""

from home.models import HomePage, NewsPage

from .pages import page_digest_items, under


def digest_items(start, end):
    """The Forum's own news (home page → news index → item) first published in [start, end).

    News indexes elsewhere (a working group's news, say) belong to the app that owns them.
    """
    forum_news = under(HomePage.objects.values_list("path", "depth"), 2)
    if forum_news is None:
        return []
    return page_digest_items(NewsPage.objects.filter(forum_news), start, end, "news",
                             summary=lambda page: page.introduction or page.search_description)
