"""The base adapter for Wagtail pages: live, not password-protected, one entry per translation."""

from ..audience import all_restrictions, page_audience
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

    def facets(self, page, codes):
        """The page's facets: `codes` (from `facet_lookups`) unless a subclass adds more."""
        return codes

    def entries(self, pages):
        """Entries of a chunk of pages: view restrictions and facet codes loaded once for the chunk."""
        restrictions = all_restrictions()
        codes = self.chunk_facets(pages)
        urls = self.urls(pages)
        entries = (self.entry(page, restrictions, codes[page.pk], urls[page.pk]) for page in pages)
        return [entry for entry in entries if entry is not None]

    @staticmethod
    def urls(pages):
        """{pk: URL} of a chunk: one `get_url` (site lookup, locale, reverse) per parent page;
        siblings' URLs are the first one's with their own slug."""
        urls, prefixes = {}, {}
        for page in pages:
            parent = page.path[:-page.steplen]
            if parent in prefixes:
                urls[page.pk] = f"{prefixes[parent]}{page.slug}/"
                continue
            urls[page.pk] = url = page.get_url() or page.url_path
            if url.endswith(f"/{page.slug}/"):
                prefixes[parent] = url[:-len(page.slug) - 1]
        return urls

    def entry(self, page, restrictions=None, codes=None, url=None):
        if not page.live or page.expired:
            return None
        if codes is None:
            codes = self.chunk_facets([page])[page.pk]
        audience = page_audience(page, restrictions)
        if audience is None:
            return None
        language = page.locale.language_code
        summary = self.summary(page)
        return Entry(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            url=url or page.get_url() or page.url_path,
            summary=summary,
            texts={language: {"title": page.title, "summary": summary, "body": self.body(page)}},
            date=self.date(page),
            facets=self.facets(page, codes),
            audience=audience,
        )
