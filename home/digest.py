"""Forum news for digests (the content-source protocol of digests.sources)."""

from digests.sources import DigestItem, ItemText
from digests.visibility import page_audiences

from .models import NewsPage


def digest_items(start, end):
    """News items first published in [start, end), one DigestItem per item with all its translations.

    A translation published later than its original does not make the item new again.
    """
    new = NewsPage.objects.live().filter(
        alias_of__isnull=True, first_published_at__gte=start, first_published_at__lt=end
    )
    keys = set(new.values_list("translation_key", flat=True))
    if not keys:
        return []
    pages = list(
        NewsPage.objects.live().filter(alias_of__isnull=True, translation_key__in=keys)
        .select_related("locale").order_by("first_published_at", "pk")
    )
    audiences = page_audiences(pages)
    groups = {}
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    items = []
    for key, translations in groups.items():
        original = translations[0]
        if not (start <= original.first_published_at < end):
            continue
        texts = {}
        for page in translations:
            if audiences[page.pk] != audiences[original.pk]:
                continue  # a translation restricted differently from its original is left out, never leaked
            texts.setdefault(page.locale.language_code, ItemText(
                title=page.title, url=page.get_full_url(), summary=page.introduction or page.search_description,
            ))
        items.append(DigestItem(
            key=f"home.news:{key}", kind="news", published_at=original.first_published_at, texts=texts,
            original_language=original.locale.language_code, audience=audiences[original.pk],
        ))
    return items
