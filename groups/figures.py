"""The working groups' key figure on the home page: public meetings to come."""

from django.utils.translation import ngettext

from core.access import public_pages, request_restrictions

from .models import GroupIndexPage, MeetingIndexPage, MeetingPage


def figures(request, locale_id):
    """The number of upcoming public meetings in `locale_id` (none when the site has no meetings page)."""
    index = (MeetingIndexPage.objects.live().filter(locale_id=locale_id).first()
             or GroupIndexPage.objects.live().filter(locale_id=locale_id).first())
    if index is None:
        return []
    count = public_pages(MeetingPage.objects.live().filter(locale_id=locale_id).upcoming(),
                         request_restrictions(request)).count()
    return [{"value": count, "url": index.get_url(request=request),
             "label": ngettext("meeting ahead", "meetings ahead", count)}]
