"""What an organisation published in the library, for the pages of other apps that show an organisation's
documents (an innovation's page): found as `<app>/publications.py` (core.discovery), so they import no library."""

from core.access import public_pages

from .models import ResourcePage


def published_by(organisation, locale_id, limit, catalogue=None):
    """Live, public library resources published by `organisation` (any translation of it), in `locale_id`,
    newest first, at most `limit`. `catalogue`: the restrictions already read with the request."""
    resources = ResourcePage.objects.live().filter(publisher__translation_key=organisation.translation_key,
                                                   locale_id=locale_id)
    return list(public_pages(resources, catalogue).order_by("-publication_date", "-pk")[:limit])
