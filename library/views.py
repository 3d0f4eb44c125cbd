"""Public views of the library, served by LibraryIndexPage's routes (thin: logic in listing/related)."""

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from core.access import reader_hidden_paths, request_restrictions

from .listing import SORTS, Listing
from .models import ResourceCollection, Topic

PAGE_SIZE = 20


class CountedPaginator(Paginator):
    """A paginator told its count (known from the facets), saving a COUNT query."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # fills Paginator.count's cached_property


def _render_listing(request, library, template, extra=None, base=None, scope=None):
    # The listing is the same for every reader (library.resources()): its counts' key holds what is
    # hidden from anyone, by the restrictions read with this request.
    resources = library.resources(request_restrictions(request)) if base is None else base  # one restrictions read
    listing = Listing(library, request.GET, base=resources, scope=scope,
                      hidden=reader_hidden_paths(request, AnonymousUser()))
    facets = listing.compute_facets()
    page_obj = CountedPaginator(listing.results(), PAGE_SIZE, listing.total()).get_page(request.GET.get("page"))
    context = library.get_context(request)
    context.update({
        # Computed once: {{ page.url }} in loops would resolve the site's root paths each time.
        "library_url": library.get_url(request=request),
        "listing": listing,
        "facets": facets,
        "sorts": SORTS,
        "resources": page_obj,
        "collections": ResourceCollection.objects.filter(locale_id=library.locale_id, is_featured=True)
        if base is None else [],
        **(extra or {}),
    })
    return TemplateResponse(request, template, context)


def listing(request, library):
    """The library's listing with full-text query, facets and sorting (all in the shareable query string)."""
    return _render_listing(request, library, "library/library_index_page.html")


def topic(request, library, slug):
    """Everything on one topic, with the same facets, and the topic's feeds."""
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404
    base = library.resources(request_restrictions(request)).filter(tagged_items__tag=topic)
    return _render_listing(request, library, "library/topic.html", {"topic": topic}, base=base,
                           scope=f"topic:{topic.pk}")


def collection(request, library, slug):
    """A curated collection in the library's language."""
    item = ResourceCollection.objects.filter(locale_id=library.locale_id, slug=slug).first()
    if item is None:
        raise Http404
    context = library.get_context(request)
    context.update({"collection": item, "resources": item.live_resources()})
    return TemplateResponse(request, "library/collection.html", context)
