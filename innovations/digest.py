"""New innovations for digests (the content-source protocol of digests.sources)."""

from digests.pages import page_digest_items

from .models import InnovationPage


def digest_items(start, end):
    """Innovations first published in [start, end), with their sectors and voivodeships (empty: nationwide)."""
    return page_digest_items(
        InnovationPage.objects.all(), start, end, "innovations", summary=lambda page: page.summary,
        sectors=lambda page: [term.code for term in page.sectors.all()],
        voivodeships=lambda page: [] if page.nationwide else [term.code for term in page.regions.all()],
        prefetch=("sectors", "regions"),
    )
