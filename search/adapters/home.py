"""The site frame's searchable pages: news items and standard pages."""

from django.utils.translation import gettext_lazy as _

from ..registry import register
from .pages import PageAdapter


class NewsAdapter(PageAdapter):
    kind = "news"
    label = _("News")
    model = "home.NewsPage"
    summary_field = "introduction"
    body_fields = ("body",)

    def date(self, page):
        return page.date


class StandardPageAdapter(PageAdapter):
    kind = "page"
    label = _("Page")
    model = "home.StandardPage"
    summary_field = "introduction"
    body_fields = ("body",)


register(NewsAdapter())
register(StandardPageAdapter())
