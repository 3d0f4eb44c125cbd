"""The base adapter for Wagtail pages: live, not password-protected, one entry per translation."""

from ..audience import page_audience
from ..registry import Adapter, Entry
from ..text import plain_text


class PageAdapter(Adapter):
    """Indexes the live pages of one page model (exact class, not its subclasses)."""

    summary_field = "search_description"
    body_fields = ()

    def queryset(self):
        return self.get_model().objects.live().select_related("locale")

    def handles(self, obj):
        return getattr(obj, "specific_class", type(obj)) is self.get_model()

    def summary(self, page):
        return plain_text(getattr(page, self.summary_field, "")) or page.search_description

    def body(self, page):
        return " ".join(plain_text(getattr(page, name, "")) for name in self.body_fields)

    def date(self, page):
        published = page.first_published_at or page.last_published_at
        return published.date() if published else None

    def facets(self, page):
        return {}

    def entry(self, page):
        if not page.live or page.expired:
            return None
        audience = page_audience(page)
        if audience is None:
            return None
        language = page.locale.language_code
        summary = self.summary(page)
        return Entry(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            url=page.get_url() or page.url_path,
            summary=summary,
            texts={language: {"title": page.title, "summary": summary, "body": self.body(page)}},
            date=self.date(page),
            facets=self.facets(page),
            audience=audience,
        )
