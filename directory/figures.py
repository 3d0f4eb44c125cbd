"""The directory's key figures on the home page: organisations, voivodeships covered, open needs."""

from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import ngettext

from core.access import reader_hidden_paths
from home.bits import codes_of
from home.models import Voivodeship

from .browse import listed_entries, listed_items
from .models import DirectoryIndexPage, SupportItem


def figures(request, locale_id):
    """Published organisations, the voivodeships where at least one of them is based or serves the region
    (nationwide organisations aside), and open needs: of the organisations anyone may see (the same
    figures for every reader, by the view restrictions read with this request)."""
    index = DirectoryIndexPage.objects.live().filter(locale_id=locale_id).first()
    url = index.get_url(request=request) if index else ""
    hidden = reader_hidden_paths(request, AnonymousUser())
    rows = list(listed_entries(hidden).values_list("served", "page__nationwide"))
    organisations = len(rows)
    # Nationwide organisations would make every voivodeship "covered": count regional presence only.
    covered = len(codes_of(Voivodeship, reduce(or_, (served for served, nationwide in rows if not nationwide), 0)))
    needs = listed_items(hidden).filter(kind=SupportItem.NEED).count()
    return [
        {"value": organisations, "url": url,
         "label": ngettext("member organisation", "member organisations", organisations)},
        {"value": covered, "url": reverse("directory:coverage"),
         "label": ngettext("voivodeship covered", "voivodeships covered", covered)},
        {"value": needs, "url": reverse("directory:items") + "?kind=need",
         "label": ngettext("open need for support", "open needs for support", needs)},
    ]
