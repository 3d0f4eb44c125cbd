"""The site frame's searchable pages: news items and standard pages.

home sits below search in the layers (docs/architecture.md), so search registers home's page
types itself; every other app describes its content in its own `search.py`.
"""

from django.utils.translation import gettext_lazy as _

from .registry import register
from .pages import IntroductionPageAdapter


class NewsAdapter(IntroductionPageAdapter):
    kind = "news"
    label = _("News")
    model = "home.NewsPage"

    def date(self, page):
        return page.date


class StandardPageAdapter(IntroductionPageAdapter):
    kind = "page"
    label = _("Page")
    model = "home.StandardPage"


register(NewsAdapter())
register(StandardPageAdapter())
