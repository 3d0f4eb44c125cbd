"""The positions' "latest" section on the home page: positions open for consultation or signature."""

from django.contrib.auth.models import AnonymousUser
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .listing import OPEN, positions_for
from .models import PositionIndexPage

# Public positions only (the same for every reader), pages only: cached until the next publication
# (home.latest, recomputed at least every 5 minutes, so a passed deadline drops the item).
SAME_FOR_EVERYONE = True
CACHED_UNTIL_PUBLICATION = True


def latest(request, locale_id, count=4):
    """Live public positions of `locale_id` that are open now, nearest deadline first."""
    index = PositionIndexPage.objects.live().filter(locale_id=locale_id).first()
    if index is None:
        return None
    now = timezone.now()
    pages = [page for page in positions_for(AnonymousUser(), locale_id).filter(phase__in=OPEN)
             if page.status(now) in OPEN]
    pages.sort(key=lambda page: page.deadline)
    return {
        "title": _("Joint positions: have your say"),
        "url": index.get_url(request=request),
        "path": index.path,
        "items": [{
            "title": page.title, "url": page.get_url(request=request), "path": page.path,
            "meta": f"{page.status_label} · {_('until')} "
                    f"{formats.date_format(timezone.localtime(page.deadline), 'DATETIME_FORMAT')}",
        } for page in pages[:count]],
    }
