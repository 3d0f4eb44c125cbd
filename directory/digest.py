"""New organisations and new needs and offers for digests (the content-source protocol of digests.sources)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from digests.pages import page_digest_items
from digests.sources import DigestItem, ItemText

from .models import OrganisationPage, SupportItem


def _regions(page):
    return ["all"] if page.nationwide else [term.code for term in page.regions_served.all()] + (
        [page.voivodeship.code] if page.voivodeship_id else []
    )


def organisation_items(start, end):
    """Organisations first published in [start, end), with their sectors and the voivodeships they serve."""
    return page_digest_items(
        OrganisationPage, start, end, "organisations", summary=lambda page: page.description[:300],
        sectors=lambda page: [term.code for term in page.sectors.all()],
        voivodeships=_regions, prefetch=("sectors", "regions_served", "voivodeship"),
    )


def support_items(start, end):
    """Needs and offers posted in [start, end) by published organisations, each with its translations."""
    originals = list(
        SupportItem.objects.in_default_language().open().filter(
            created_at__gte=start, created_at__lt=end, organisation__live=True
        ).prefetch_related("sectors", "regions").order_by("created_at", "pk")
    )
    translations = {}
    for item in SupportItem.objects.filter(translation_key__in=[i.translation_key for i in originals]).select_related(
        "locale"
    ):
        translations.setdefault(item.translation_key, []).append(item)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    items = []
    for original in originals:
        texts = {}
        for version in translations.get(original.translation_key, [original]):
            language = version.locale.language_code
            with translation.override(language):
                url = base + reverse("directory:item", args=[original.pk])
            texts[language] = ItemText(title=version.title, url=url, summary=version.description[:300])
        items.append(DigestItem(
            key=f"directory.supportitem:{original.translation_key}", kind="needs-offers",
            published_at=original.created_at, texts=texts, original_language=settings.LANGUAGE_CODE,
            sectors=frozenset(term.code for term in original.sectors.all()),
            voivodeships=frozenset(["all"] if original.nationwide else [t.code for t in original.regions.all()]),
        ))
    return items


def digest_items(start, end):
    """New organisations, then new needs and offers."""
    return organisation_items(start, end) + support_items(start, end)
