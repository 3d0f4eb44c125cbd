"""Digest items from Wagtail pages: a helper for the `<app>/digest.py` of apps whose content is pages."""

from django.db.models import Q
from django.utils.translation import gettext as _

from .sources import DigestItem, ItemText
from .visibility import page_audiences


def page_digest_items(queryset, start, end, kind, summary, sectors=None, voivodeships=None, working_groups=None,
                      prefetch=(), key_prefix=None):
    """One DigestItem per page of `queryset` first published in [start, end), with all its live translations.

    `summary(page)` gives the short text of each translation; `sectors(page)`,
    `voivodeships(page)` and `working_groups(page)` give codes or ids, read on the original
    page (`prefetch` names the relations to prefetch for them). Four queries whatever the
    number of pages. A translation published later than its original does not make the item
    new again; a translation restricted differently from its original is left out, never leaked.
    `key_prefix` tells apart two kinds of items made from the same pages.
    """
    if isinstance(queryset, type):  # a page model stands for all its pages
        queryset = queryset.objects.all()
    live = queryset.live().filter(alias_of__isnull=True)
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
            key=f"{key_prefix or queryset.model._meta.label_lower}:{key}", kind=kind, published_at=original.first_published_at,
            texts=texts, original_language=original.locale.language_code, audience=audiences[original.pk],
            sectors=frozenset(sectors(original)) if sectors else frozenset(),
            voivodeships=frozenset(voivodeships(original)) if voivodeships else frozenset(),
            working_groups=frozenset(working_groups(original)) if working_groups else frozenset(),
        ))
    return items


def under(paths_and_depths, depth_below=None):
    """A Q for pages below one of the given pages ((path, depth) pairs), exactly `depth_below`
    levels down when given; None when there is no such page."""
    condition = None
    for path, depth in paths_and_depths:
        part = Q(path__startswith=path, depth__gt=depth)
        if depth_below is not None:
            part &= Q(depth=depth + depth_below)
        condition = part if condition is None else condition | part
    return condition


def support_summary(needed, offered):
    """"Needs: … · Offers: …" in the active language (strings kept in this app's catalogue)."""
    parts = []
    if needed:
        parts.append(_("Needs: %(items)s") % {"items": ", ".join(needed)})
    if offered:
        parts.append(_("Offers: %(items)s") % {"items": ", ".join(offered)})
    return " · ".join(parts)
