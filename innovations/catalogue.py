"""The catalogue's rows, facets and search: one row per innovation, in the reader's language when
translated (else its original), counted with the shared facet machinery (home.facets)."""

from django.db.models import Exists, Min, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.access import public_pages
from home.facets import Facet, count_all, facet_groups, filtered, paginate, read_filters
from home.models import Sector, TargetGroup, Voivodeship
from search.listings import rank_order, ranked_pks
from search.text import clean_query

from .models import COST_BANDS, STAGES, InnovationPage

PAGE_SIZE = 20
FACETS = [
    Facet("stage", _("Stage"), STAGES, "stage", "column", InnovationPage),
    Facet("sector", _("Sector"), Sector.CHOICES, "sectors_mask", "mask", InnovationPage, Sector),
    Facet("target_group", _("Target group"), TargetGroup.CHOICES, "target_groups_mask", "mask", InnovationPage,
          TargetGroup),
    Facet("region", _("Voivodeship"), Voivodeship.CHOICES, "served_mask", "mask", InnovationPage, Voivodeship),
    Facet("cost", _("Cost of replicating"), COST_BANDS, "cost_band", "column", InnovationPage),
]
SEARCH_KIND = "innovation"


def public(pages, catalogue=None):
    """`pages` without those behind a view restriction (the one place this app asks: core.access).
    `catalogue`: the restrictions already read (core.access.request_restrictions)."""
    return public_pages(pages, catalogue)


def published():
    """Live innovations outside restricted sections, every language."""
    return public(InnovationPage.objects.live())


def catalogue_rows(language_code):
    """One live page per innovation: its translation in `language_code`, else its original (lowest id)."""
    live = published()
    local = live.filter(locale__language_code=language_code)
    elsewhere = (live.exclude(translation_key__in=local.values("translation_key")).values("translation_key")
                 .annotate(first=Min("pk")).values("first"))
    return live.filter(Q(pk__in=local.values("pk")) | Q(pk__in=elsewhere))


def with_recommendation(pages):
    """`pages` annotated with `is_recommended` (any translation of the item recommended for scaling)."""
    from .models import ScalingRecommendation

    return pages.annotate(is_recommended=Exists(
        ScalingRecommendation.objects.filter(innovation__translation_key=OuterRef("translation_key"))))


def search_q(query):
    """Q: the search service finds the innovation for `query` (every translation of a matching item)."""
    return Q(pk__in=ranked_pks(InnovationPage, SEARCH_KIND, query))


def browse(params, language_code, base=None):
    """Context of the catalogue for a query string: results (paginated), facets, the query."""
    query = clean_query(params.get("q", ""))
    selected = read_filters(params, FACETS)
    base = catalogue_rows(language_code) if base is None else base
    results = filtered(base, query, selected, facets=FACETS, text=search_q)
    if query:  # relevance first, as in the site search (the same service answers)
        results = results.annotate(rank=rank_order(ranked_pks(InnovationPage, SEARCH_KIND, query))).order_by(
            "rank", "-first_published_at", "-pk")
    else:
        results = results.order_by("-first_published_at", "-pk")
    total, counts = count_all(base, query, selected, facets=FACETS, text=search_q)
    page_obj = paginate(with_recommendation(results).select_related("organisation"), total, params, PAGE_SIZE)
    return {
        "query": query, "innovations": page_obj, "facets": facet_groups(selected, counts, FACETS),
        "has_filters": bool(query or selected),
    }
