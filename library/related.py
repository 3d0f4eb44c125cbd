"""Related resources: the live resources of the same library sharing most topics and sectors."""

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import translation

from core.access import request_restrictions, without_hidden

from .models import ResourcePage, TaggedResource

# Candidates are the resources sharing most topics, counted on the link table alone (topics are
# specific; sectors, shared by thousands at 50,000 resources, only rank and fill): joining all
# sharers to the page table to sort them cost ~200 ms, counting on both link tables ~50 ms,
# topics alone ~13 ms. Among candidates tied at the cut the newest id wins.
CANDIDATES = 200


def related_resources(page, limit=4, topic_ids=None, sector_ids=None, request=None):
    """Up to `limit` resources of the same library sharing topics or sectors with `page`, the
    most shared first, as {"title", "url", "type"} dicts.

    Kept in the cache with the facet counts' version (any resource published, unpublished,
    moved or deleted computes them anew); otherwise two queries. Each item carries its tree
    path and the list is checked against the view restrictions read with this request
    (core.access.without_hidden), so a restriction written without signals hides a resource at once.
    """
    from .listing import FACET_CACHE_SECONDS, facets_version

    if getattr(request, "is_preview", False):
        return _related(page, limit, topic_ids, sector_ids, request)
    key = f"library:related:{page.pk}:{limit}:{translation.get_language()}:{facets_version()}"
    items = cache.get(key)
    if items is None:
        items = _related(page, limit, topic_ids, sector_ids, request)
        cache.set(key, items, FACET_CACHE_SECONDS)
    return without_hidden(items, request_restrictions(request), getattr(request, "user", None))


def _shared_counts(link_model, item_column, term_column, term_ids, exclude_pk):
    """{resource id: number of `term_ids` it shares} for the CANDIDATES sharing most (one query on
    the link table alone; plain ORM, so it runs on SQLite as well as PostgreSQL)."""
    if not term_ids:
        return {}
    rows = (link_model.objects.filter(**{f"{term_column}__in": list(term_ids)}).exclude(**{item_column: exclude_pk})
            .values(item_column).annotate(n=Count("*")).order_by("-n", f"-{item_column}")
            .values_list(item_column, "n")[:CANDIDATES])
    return dict(rows)


def _related(page, limit, topic_ids, sector_ids, request):
    from wagtail.models import PageViewRestriction

    if topic_ids is None:
        topic_ids = list(page.tagged_items.values_list("tag_id", flat=True))
    if sector_ids is None:
        sector_ids = list(page.sectors.values_list("pk", flat=True))
    if not topic_ids and not sector_ids:
        return []
    shared = _shared_counts(TaggedResource, "content_object_id", "tag_id", topic_ids, page.pk)
    if len(shared) < CANDIDATES:
        # Few resources share a topic: resources sharing only sectors fill the list.
        for pk in _shared_counts(ResourcePage.sectors.through, "resourcepage_id", "sector_id", sector_ids, page.pk):
            if pk not in shared and len(shared) < 2 * CANDIDATES:
                shared[pk] = 0  # their sector overlap is counted below with the others'
    if not shared:
        return []
    parent_path = page.path[:-page.steplen]
    # Siblings only: the reader got past any restriction of this library to be here.
    candidates = (
        ResourcePage.objects.live().filter(pk__in=list(shared), locale_id=page.locale_id, depth=page.depth,
                                           path__range=(parent_path, parent_path + "ZZZZ"))
        .exclude(pk__in=PageViewRestriction.objects.values("page_id"))
        .annotate(sectors_shared=Count("sectors", filter=Q(sectors__in=list(sector_ids))))
        .only("title", "url_path", "path", "resource_type", "publication_date", "locale_id")
    )
    ranked = sorted(candidates, key=lambda r: (-(shared[r.pk] + r.sectors_shared), -r.publication_date.toordinal(),
                                               -r.pk))[:limit]
    return [{"title": r.title, "url": r.get_url(request=request), "type": r.get_resource_type_display(),
             "path": r.path} for r in ranked]
