"""Related resources: the live resources of the same library sharing most topics and sectors."""

from django.core.cache import cache
from django.db import connection
from django.utils import translation

from .models import ResourcePage, TaggedResource

# Candidates ranked by shared topics and sectors on the link tables alone, before any join:
# at 50,000 resources a topic or sector is shared by thousands, and joining them all to the
# page table to sort them cost ~200 ms; the top ones decide the result (among candidates
# tied at the cut, the newest id wins rather than the newest publication date).
CANDIDATES = 200


def related_resources(page, limit=4, topic_ids=None, sector_ids=None, request=None):
    """Up to `limit` resources of the same library sharing topics or sectors with `page`, the
    most shared first, as {"title", "url", "type"} dicts.

    Kept in the cache with the facet counts' version (any resource published, unpublished,
    moved or deleted computes them anew); otherwise two queries.
    """
    from .listing import FACET_CACHE_SECONDS, facets_version

    if getattr(request, "is_preview", False):
        return _related(page, limit, topic_ids, sector_ids, request)
    key = f"library:related:{page.pk}:{limit}:{translation.get_language()}:{facets_version()}"
    items = cache.get(key)
    if items is None:
        items = _related(page, limit, topic_ids, sector_ids, request)
        cache.set(key, items, FACET_CACHE_SECONDS)
    return items


def _related(page, limit, topic_ids, sector_ids, request):
    from wagtail.models import PageViewRestriction

    if topic_ids is None:
        topic_ids = list(page.tagged_items.values_list("tag_id", flat=True))
    if sector_ids is None:
        sector_ids = list(page.sectors.values_list("pk", flat=True))
    if not topic_ids and not sector_ids:
        return []
    tagged = TaggedResource._meta.db_table
    sectors = ResourcePage.sectors.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, count(*) FROM (SELECT content_object_id AS id FROM {tagged} WHERE tag_id = ANY(%s) "
            f"UNION ALL SELECT resourcepage_id FROM {sectors} WHERE sector_id = ANY(%s)) AS shared "
            "WHERE id <> %s GROUP BY id ORDER BY count(*) DESC, id DESC LIMIT %s",
            [list(topic_ids), list(sector_ids), page.pk, CANDIDATES])
        shared = dict(cursor.fetchall())
    if not shared:
        return []
    parent_path = page.path[:-page.steplen]
    # Siblings only: the reader got past any restriction of this library to be here.
    candidates = (
        ResourcePage.objects.live().filter(pk__in=list(shared), locale_id=page.locale_id, depth=page.depth,
                                           path__range=(parent_path, parent_path + "ZZZZ"))
        .exclude(pk__in=PageViewRestriction.objects.values("page_id"))
        .only("title", "url_path", "resource_type", "publication_date", "locale_id")
    )
    ranked = sorted(candidates, key=lambda r: (-shared[r.pk], -r.publication_date.toordinal(), -r.pk))[:limit]
    return [{"title": r.title, "url": r.get_url(request=request), "type": r.get_resource_type_display()}
            for r in ranked]
