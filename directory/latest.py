"""The home page's "latest" section of the directory: newest member organisations."""

from django.utils.translation import gettext as _

from core.access import request_restrictions

from .browse import localise, published_organisations
from .models import DirectoryIndexPage

# The section is the same for every reader (published organisations): cached for members too.
SAME_FOR_EVERYONE = True
# Pages only: cached until the next publication (home.latest).
CACHED_UNTIL_PUBLICATION = True


def latest(request, locale_id):
    """The five organisations published last, in the reader's language where translated."""
    from django.utils import translation

    pages = list(published_organisations(request_restrictions(request)).select_related("voivodeship").order_by("-first_published_at")[:5])
    if not pages:
        return None
    index = DirectoryIndexPage.objects.live().filter(locale_id=locale_id).first()
    return {
        "title": _("New in the directory"),
        "url": index.url if index else "",
        "path": index.path if index else "",
        "items": [
            {"title": shown.title, "url": shown.url, "path": shown.path,
             "meta": f"{shown.city}, {source.voivodeship.label}" if source.voivodeship else shown.city}
            for source, shown in localise(pages, translation.get_language())
        ],
    }
