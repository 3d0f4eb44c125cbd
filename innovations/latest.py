"""The catalogue's "latest" section on the home page: the newest innovations in the reader's language."""

from django.utils.translation import gettext as _

from core.access import request_restrictions

from .models import InnovationIndexPage

# The section is the same for every reader (public pages only): cached for members too.
SAME_FOR_EVERYONE = True
# Pages only: cached until the next publication (home.latest).
CACHED_UNTIL_PUBLICATION = True


def latest(request, locale_id, count=4):
    """Newest live innovations of the catalogue in `locale_id`, with their stage (None without a catalogue)."""
    from .catalogue import public, published

    catalogue = public(InnovationIndexPage.objects.live().filter(locale_id=locale_id),
                       request_restrictions(request)).first()
    if catalogue is None:
        return None
    pages = (published().filter(locale_id=locale_id).order_by("-first_published_at", "-pk")
             .only("title", "url_path", "stage", "locale_id", "path", "depth")[:count])
    return {
        "title": _("Innovations ready to scale"),
        "url": catalogue.get_url(request=request),
        "path": catalogue.path,
        "items": [{"title": page.title, "url": page.get_url(request=request), "path": page.path,
                   "meta": page.get_stage_display()}
                  for page in pages],
    }
