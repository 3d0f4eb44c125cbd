"""Related resources: the live resources of the same library sharing most topics and sectors."""

from django.db.models import Count, Q

from .models import ResourcePage


def related_resources(page, limit=4, topic_ids=None, sector_ids=None):
    """Up to `limit` resources of the same library sharing topics or sectors with `page`, the most
    shared first (one query)."""
    if topic_ids is None:
        topic_ids = list(page.tagged_items.values_list("tag_id", flat=True))
    if sector_ids is None:
        sector_ids = list(page.sectors.values_list("pk", flat=True))
    if not topic_ids and not sector_ids:
        return []
    shared = (Count("tagged_items", filter=Q(tagged_items__tag_id__in=topic_ids), distinct=True)
              + Count("sectors", filter=Q(sectors__in=sector_ids), distinct=True))
    from wagtail.models import PageViewRestriction

    # Restricted resources are left out in the same query (public() would cost one more).
    return list(
        ResourcePage.objects.live().filter(locale_id=page.locale_id)
        # Siblings only: the reader got past any restriction of this library to be here.
        .filter(path__range=(page.path[:-page.steplen], page.path[:-page.steplen] + "ZZZZ"), depth=page.depth)
        .exclude(pk=page.pk).exclude(pk__in=PageViewRestriction.objects.values("page_id"))
        .filter(Q(tagged_items__tag_id__in=topic_ids) | Q(sectors__in=sector_ids))
        .annotate(shared=shared).order_by("-shared", "-publication_date", "-pk")
        .only("title", "url_path", "resource_type", "publication_date", "locale_id")[:limit]
    )
