"""New library resources for digests (the content-source protocol of digests.sources)."""

from digests.pages import page_digest_items

from .models import ResourcePage


def digest_items(start, end):
    """Resources first published in [start, end), with their sectors and regions (empty: nationwide)."""
    return page_digest_items(
        ResourcePage.objects.all(), start, end, "library", summary=lambda page: page.summary,
        sectors=lambda page: [term.code for term in page.sectors.all()],
        voivodeships=lambda page: [term.code for term in page.regions.all()],
        prefetch=("sectors", "regions"),
    )
