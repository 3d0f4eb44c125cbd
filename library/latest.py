"""The library's "latest" section on the home page: the newest resources in the reader's language."""

from django.utils import formats
from django.utils.translation import gettext as _

from core.access import public_pages, request_restrictions

from .models import LibraryIndexPage

# The section is the same for every reader (public resources only): cached for members too.
SAME_FOR_EVERYONE = True
# Pages only: cached until the next publication (home.latest).
CACHED_UNTIL_PUBLICATION = True


def latest(request, locale_id, count=4):
    """Newest live resources of the library in `locale_id` (None when there is no library)."""
    catalogue = request_restrictions(request)
    # A members-only library lists nothing here (the same for every reader).
    library = public_pages(LibraryIndexPage.objects.live().filter(locale_id=locale_id), catalogue).first()
    if library is None:
        return None
    resources = (library.resources(catalogue).order_by("-first_published_at", "-pk")
                 .only("title", "url_path", "path", "resource_type", "publication_date", "locale_id")[:count])
    return {
        "title": _("New in the knowledge library"),
        "url": library.get_url(request=request),
        "path": library.path,
        "items": [{"title": r.title, "url": r.get_url(request=request), "path": r.path,
                   "meta": f"{r.get_resource_type_display()} · {formats.date_format(r.publication_date)}"}
                  for r in resources],
    }
