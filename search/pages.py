"""The base adapter for Wagtail pages: live, not password-protected, one entry per page and its translations."""

from core.access import restrictions

from .audience import page_audience
from .registry import Adapter, Entry
from .text import plain_text


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

    def object_ids(self, page):
        """A page's change updates the item of its translations (every page sharing its
        translation key: the one that represents the item now, and any that did before)."""
        others = self.get_model()._base_manager.filter(translation_key=page.translation_key).values_list("pk", flat=True)
        return sorted({page.pk, *others})

    def entries(self, pages):
        """Entries of a chunk of pages: one per item, i.e. per translation key and audience.

        A page and its translations are one item (one hit), represented by the lowest primary
        key among its live translations that share its audience (a translation restricted
        differently stays an item of its own). A page of the chunk that represents no item
        gives no entry. View restrictions, facet codes and URLs are loaded once per chunk."""
        if not pages:
            return []
        catalogue = restrictions()
        translations = list(self.queryset().filter(translation_key__in={page.translation_key for page in pages}))
        groups = {}
        for page in translations:
            if not page.live or page.expired:
                continue
            audience = page_audience(page, catalogue)
            if audience is None:
                continue
            groups.setdefault((page.translation_key, frozenset(audience)), []).append(page)
        chunk = {page.pk for page in pages}
        wanted = [(sorted(group, key=lambda p: p.pk), audience) for (_key, audience), group in groups.items()]
        wanted = [(group, audience) for group, audience in wanted if group[0].pk in chunk]
        members = [page for group, _audience in wanted for page in group]
        codes = self.chunk_facets(members)
        urls = self.urls(members)
        return [self.item_entry(group, codes, urls, set(audience)) for group, audience in wanted]

    def item_entry(self, group, codes, urls, audience):
        """The entry of one item: its original (lowest pk) first, then its translations."""
        original = group[0]
        texts, item_urls, facets = {}, {}, {}
        for page in group:
            language = page.locale.language_code
            if language in texts:
                continue
            summary = self.summary(page)
            texts[language] = {"title": page.title, "summary": summary, "body": self.body(page)}
            item_urls[language] = urls[page.pk]
            for name, values in self.facets(page, codes[page.pk]).items():
                facets.setdefault(name, set()).update(values)
        return Entry(
            kind=self.kind, object_id=original.pk, title=original.title, url=urls[original.pk],
            summary=texts[original.locale.language_code]["summary"], texts=texts, urls=item_urls,
            date=self.date(original), facets=facets, audience=audience,
            paths=tuple(sorted(page.path for page in group)),
        )

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

    def entry(self, page):
        """The entry of the item `page` represents, or None (not searchable, or represented by a translation)."""
        entries = self.entries([page]) if page is not None else []
        return entries[0] if entries else None


class IntroductionPageAdapter(PageAdapter):
    """Pages with an `introduction` (their summary) and a `body` (news, standard and group pages)."""

    summary_field = "introduction"
    body_fields = ("body",)
