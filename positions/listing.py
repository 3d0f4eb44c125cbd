"""One listing of every position in the reader's language: the Secretariat's and the working groups'."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.access import visible_pages_for

from .models import PositionIndexPage, PositionPage, Signature

OPEN = ("consultation", "signing")


def canonical_ids(pages):
    """{translation key: pk of the first page of its translations} for `pages` (one query)."""
    keys = {page.translation_key for page in pages}
    first = {}
    for key, pk in PositionPage.objects.filter(translation_key__in=keys).order_by("pk").values_list(
            "translation_key", "pk"):
        first.setdefault(key, pk)
    return first


def signature_counts(pages):
    """{page pk: number of signatures of its position} for `pages` (two queries)."""
    canonical = canonical_ids(pages)
    counts = dict(Signature.objects.filter(position_id__in=set(canonical.values())).values_list("position_id")
                  .annotate(n=Count("pk")).values_list("position_id", "n"))
    return {page.pk: counts.get(canonical.get(page.translation_key), 0) for page in pages}


def positions_for(user, locale_id):
    """Live positions in `locale_id` that `user` may read, newest first."""
    return visible_pages_for(user, PositionPage.objects.live().filter(locale_id=locale_id)).order_by(
        "-first_published_at", "-pk")


def listing(request, index):
    """The index page's context: positions (with status, owner, signatures), filtered by ?status=."""
    now = timezone.now()
    status = request.GET.get("status", "")
    if status not in PositionPage.STATUS_LABELS:
        status = ""
    pages = positions_for(request.user, index.locale_id)
    pages = list(pages.filter(PositionPage.status_filter(status, now)) if status else pages)
    counts = signature_counts(pages)
    groups = owners(pages)
    return {
        "positions": [{
            "page": page, "status_label": PositionPage.STATUS_LABELS[page.status(now)],
            "open": page.status(now) in OPEN, "signatures": counts[page.pk],
            "owner_name": groups.get(page.pk) or _("Forum Secretariat"),
        } for page in pages],
        "status_choices": [(code, label) for code, label in PositionPage.STATUS_LABELS.items() if code != "draft"],
        "current_status": status,
    }


def owners(pages):
    """{page pk: title of the working group it lies in} (one query). A position lies under the positions
    index or a working group's page (PositionPage.parent_page_types): its parent, unless an index, is its group."""
    if not pages:
        return {}
    parents = {page.pk: page.path[:-page.steplen] for page in pages}
    titles = dict(Page.objects.filter(path__in=set(parents.values()))
                  .exclude(path__in=PositionIndexPage.objects.values("path")).values_list("path", "title"))
    return {pk: titles.get(path) for pk, path in parents.items()}
