"""Directory browsing: filters, facet counts, sorting and pagination in bounded SQL.

Organisations are filtered, sorted and counted on their DirectoryEntry rows (one per
published organisation, vocabularies as bit masks: see entries.py and bits.py), without
those whose page this reader may not see (the view restrictions read with the request: an
entry never decides access); the reader sees the translation of each page in their
language when it exists. The facets, their counts and the pagination are the shared
listing machinery's (home.facets: counts from a table of every row's terms read in ONE query
and kept until the data changes, home.facet_table); the directory declares its facets and text queries.
"""

from functools import partial

from django.conf import settings
from django.db.models import Q, prefetch_related_objects
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale

from core.access import exclude_paths, public_pages, reader_hidden_paths
from home import frame
from home.bits import codes_of
from home.facets import Facet, count_all, facet_groups, filtered, paginate, read_filters
from home.models import LEGAL_FORMS, Language, Sector, SupportType, TargetGroup, Voivodeship
from home.translation import localise as localise_pages
from search.listings import rank_order, ranked_pks
from search.text import clean_query

from .entries import cache_timeout, digest, entries_version
from .models import DirectoryEntry, OrganisationPage, SupportItem

PAGE_SIZES = (20, 50, 100)
SORTS = {
    "name": ("title", "page_id"),
    "newest": ("-first_published_at", "-page_id"),
    "updated": ("-last_published_at", "-page_id"),
}
SORT_LABELS = {"name": pgettext_lazy("organisation", "Name"), "newest": _("Newest"), "updated": _("Recently updated")}


# The directory's facets filter its entries.
EntryFacet = partial(Facet, model=DirectoryEntry)
FACETS = [
    EntryFacet("region", _("Voivodeship served"), Voivodeship.CHOICES, "served", vocabulary=Voivodeship),
    EntryFacet("sector", _("Sector"), Sector.CHOICES, "sectors", vocabulary=Sector),
    EntryFacet("target_group", _("Target group"), TargetGroup.CHOICES, "target_groups", vocabulary=TargetGroup),
    EntryFacet("language", _("Working language"), Language.CHOICES, "languages", vocabulary=Language),
    EntryFacet("legal_form", _("Legal form"), LEGAL_FORMS, "legal_form", "column"),
    EntryFacet("offers", _("Offers support"), SupportType.CHOICES, "offers", vocabulary=SupportType),
    EntryFacet("needs", _("Needs support"), SupportType.CHOICES, "needs", vocabulary=SupportType),
    # The coverage page's scopes link here: organisations based in a voivodeship, and regional or nationwide ones.
    EntryFacet("seat", _("Voivodeship of the seat"), Voivodeship.CHOICES, "page__voivodeship", "fk"),
    EntryFacet("nationwide", _("Working area"), [("0", _("regional")), ("1", _("nationwide"))],
               "page__nationwide", "column"),
]


def published_organisations(catalogue=None):
    """Live, public organisation pages in the default language: what the directory counts.
    `catalogue`: the restrictions already read (core.access.request_restrictions)."""
    return public_pages(OrganisationPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE),
                        catalogue)


# Where a directory entry and a need or offer are in the page tree (their organisation's page),
# for core.access.exclude_paths.
ENTRY_PATH = "page__path"
ITEM_PATH = "organisation__path"


def listed_entries(hidden):
    """The directory entries of the organisations a reader may see (`hidden`: the tree paths hidden
    from them, core.access.reader_hidden_paths)."""
    return exclude_paths(DirectoryEntry.objects.all(), hidden, ENTRY_PATH)


def listed_items(hidden=()):
    """Open needs and offers (default language) of the live organisations a reader may see
    (`hidden` as for `listed_entries`): what the listing, coverage and key figures count."""
    items = SupportItem.objects.in_default_language().open().filter(organisation__live=True)
    return exclude_paths(items, hidden, ITEM_PATH)


def text_q(query):
    """Q: the name, description or city matches `query` in any of the organisation's languages."""
    return Q(search_text__contains=query.lower())


def search_q(query, locale_id=None):
    """Q: the search service finds the organisation for `query` (the directory's keyword box:
    the same inflection, folding, other scripts and typo tolerance as the site search).
    `locale_id`: the default locale's id when the caller has it (Locale.get_default() is a query)."""
    from wagtail.models import Locale

    if locale_id is None:
        locale_id = Locale.get_default().pk
    return Q(page_id__in=ranked_pks(OrganisationPage, "organisation", query, locale_id=locale_id))


def relevant_entries(base, query, selected, locale_id=None, ranked=True):
    """`base` (directory entries) narrowed by the search service's match of `query` and the filters,
    best match first when `ranked` and there is a query (the directory's list and its API)."""
    if query and locale_id is None:
        locale_id = Locale.get_default().pk
    results = filtered(base, query, selected, facets=FACETS, text=partial(search_q, locale_id=locale_id))
    if not (query and ranked):
        return results
    order = ranked_pks(OrganisationPage, "organisation", query, locale_id=locale_id)
    return results.annotate(rank=rank_order(order, "page_id")).order_by("rank", "page_id")


def organisations_matching(query, selected, hidden, base=None):
    """Live organisation pages (or `base`) listed in the directory for a reader from whom the tree
    paths `hidden` are hidden, and matching its text query and facets.

    The entries hold exactly the published organisations in the default language, so they
    stand for those conditions (no language join).
    """
    base = OrganisationPage.objects.live() if base is None else base
    return base.filter(pk__in=filtered(listed_entries(hidden), query, selected, facets=FACETS, text=text_q)
                       .values("page_id"))


# What the directory's lists show of an organisation's translation (localise loads only these).
SHOWN_FIELDS = ("title", "description", "city", "url_path", "translation_key", "locale_id", "path", "depth")


def localise(pages, language_code):
    """Pair each organisation page with its live translation in `language_code` (one query for the whole list)."""
    return localise_pages(pages, language_code, SHOWN_FIELDS)


def read_page_size(params):
    """The requested page size if it is one of PAGE_SIZES, else the first."""
    try:
        per_page = int(params.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        return PAGE_SIZES[0]
    return per_page if per_page in PAGE_SIZES else PAGE_SIZES[0]


def listed_pages(entries, language_code):
    """[(page, shown)] of `entries` (read with their pages: `with_pages`) in their order: the organisation
    page with `listed_sectors` from the masks, and its live translation in `language_code` (or the page
    itself: `localise`, one query in a language other than the default one)."""
    labels = Sector.labels()
    pages = [entry.page for entry in entries]
    for entry, page in zip(entries, pages):
        page.listed_sectors = [labels[code] for code in codes_of(Sector, entry.sectors)]
    # Logos with their renditions: one more query, and only when a listed organisation has a logo.
    prefetch_related_objects(pages, "logo__renditions")
    return localise(pages, language_code)


def with_pages(entries):
    """`entries` read with their organisation pages, seat and logo (one query for the list; the
    search text is not shown)."""
    return entries.select_related("page__voivodeship", "page__logo").defer("search_text")


def browse(request, index_page=None):
    """Template context of the directory page for this request."""
    params = request.GET
    query = clean_query(params.get("q", ""))
    selected = read_filters(params, FACETS)
    sorts = {"relevance": _("Relevance"), **SORT_LABELS} if query else SORT_LABELS
    sort = params.get("sort") if params.get("sort") in sorts else ("relevance" if query else "name")
    per_page = read_page_size(params)

    hidden = reader_hidden_paths(request)
    # The organisations are searched in the default language: look its locale up once.
    locale_id = Locale.get_default().pk if query else None
    text = partial(search_q, locale_id=locale_id)
    results = relevant_entries(listed_entries(hidden), query, selected, locale_id=locale_id,
                               ranked=sort == "relevance")
    if sort != "relevance":
        results = results.order_by(*SORTS[sort])
    results = with_pages(results)
    version = entries_version()
    total, counts = count_all(DirectoryEntry.objects.all(), query, selected, facets=FACETS, text=text,
                              version=version, path_field=ENTRY_PATH, hidden=hidden)
    page_obj = paginate(results, total, params, per_page)
    language = translation.get_language()
    return {
        "query": query,
        "selected": selected,
        "sort": sort,
        "sorts": sorts,
        "per_page": per_page,
        "page_sizes": PAGE_SIZES,
        "organisations": page_obj,
        # Read when the template first lists them: not at all when the cached listing is used.
        "entries": SimpleLazyObject(lambda: listed_pages(list(page_obj.object_list), language)),
        "facets": facet_groups(selected, counts, FACETS),
        "has_filters": bool(query or selected),
        "listing_key": listing_key(request, index_page, version, hidden, language) if not query else "",
        "listing_timeout": cache_timeout(),
    }


def listing_key(request, index_page, version, hidden, language):
    """The cache key of the rendered filters and results ("" when not cached): the same for every
    reader of the same directory data (`version`, its commit counter), hidden paths, parameters and language.
    A text query is never cached: its ranking comes from the search service, not from that data."""
    if not cache_timeout():
        return ""
    return digest(version, hidden, frame.query_parts(request), language, index_page.url_path if index_page else "")
