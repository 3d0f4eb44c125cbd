"""Digest items from Wagtail pages: a helper for the `<app>/digest.py` of apps whose content is pages."""

from .sources import DigestItem, ItemText
from .visibility import page_audiences


def page_digest_items(model, start, end, kind, summary, sectors=None, voivodeships=None, prefetch=()):
    """One DigestItem per page of `model` first published in [start, end), with all its live translations.

    `summary(page)` gives the short text; `sectors(page)` and `voivodeships(page)` the codes
    (read on the original page; `prefetch` names the relations to prefetch for them). Four
    queries whatever the number of pages. A translation published later than its original does
    not make the item new again; a translation restricted differently from its original is
    left out rather than leaked.
    """
    live = model.objects.live().filter(alias_of__isnull=True)
    keys = set(live.filter(first_published_at__gte=start, first_published_at__lt=end)
               .values_list("translation_key", flat=True))
    if not keys:
        return []
    pages = list(live.filter(translation_key__in=keys).select_related("locale")
                 .prefetch_related(*prefetch).order_by("first_published_at", "pk"))
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
            if audiences[page.pk] == audiences[original.pk]:
                texts.setdefault(page.locale.language_code,
                                 ItemText(title=page.title, url=page.get_full_url(), summary=summary(page)))
        items.append(DigestItem(
            key=f"{model._meta.label_lower}:{key}", kind=kind, published_at=original.first_published_at,
            texts=texts, original_language=original.locale.language_code, audience=audiences[original.pk],
            sectors=frozenset(sectors(original)) if sectors else frozenset(),
            voivodeships=frozenset(voivodeships(original)) if voivodeships else frozenset(),
        ))
    return items
