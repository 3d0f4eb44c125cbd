"""The working groups' "latest" section on the home page: the next meetings the reader may see."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.access import request_restrictions, visible_pages_for

from .models import GroupIndexPage, MeetingIndexPage, MeetingPage
# Meeting pages only: cached until the next publication (home.latest; refreshed every 5 minutes
# for meetings that end), per audience.
CACHED_UNTIL_PUBLICATION = True
# Members-only meetings are left out by visible_pages_for: the section depends on its reader only
# through the paths hidden from them (kept per those paths for signed-in readers).
SAME_FOR_SAME_HIDDEN_PATHS = True


def latest(request, locale_id, count=4):
    """The next live meetings (Forum-wide and of groups) in `locale_id` that the reader may see."""
    index = (MeetingIndexPage.objects.live().filter(locale_id=locale_id).first()
             or GroupIndexPage.objects.live().filter(locale_id=locale_id).first())
    if index is None:
        return None
    meetings = visible_pages_for(
        request.user, MeetingPage.objects.live().filter(locale_id=locale_id).upcoming(),
        request_restrictions(request)
    ).order_by("start").only("title", "url_path", "path", "start", "mode", "locale_id")[:count]
    return {
        "title": _("Upcoming meetings"),
        "url": index.get_url(request=request),
        "path": index.path,
        "items": [{
            "title": meeting.title,
            "path": meeting.path,
            "url": meeting.get_url(request=request),
            "meta": f"{formats.date_format(timezone.localtime(meeting.start), 'DATETIME_FORMAT')} · "
                    f"{meeting.get_mode_display()}",
        } for meeting in meetings],
    }
