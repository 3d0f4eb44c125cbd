"""The working groups' keyword boxes: the groups list and a group's space (its pages, meetings, documents).

Both ask the site search's service (search.listings) which items match the reader's words and in
which order, so they get the same inflection, folding, transliteration and typo tolerance. What
the reader may see is still decided here, by Wagtail's view restrictions (core.access); the
reader's audience tokens and hidden paths also keep restricted items out of the service's best matches.
"""

from wagtail.models import Page

from core.access import request_restrictions, visible_pages_for
from home.translation import translation_paths
from search.listings import matching
from search.text import clean_query

# Search types (the groups app's search adapters, groups/search.py) of a group's space.
GROUP_KIND = "group"
SPACE_KINDS = ("group-page", "meeting")
DOCUMENT_KIND = "group-document"
SPACE_RESULTS = 50


def query_of(request):
    """The keyword box's words: cleaned, bounded; "" when none (any input is accepted)."""
    return clean_query(request.GET.get("q", ""))


def space_paths(group):
    """Tree paths of the group page's translations: the search service looks only under them
    (search.engines.base.SearchRequest.within), so other groups' items never crowd this one's out."""
    return translation_paths(group)


def matching_groups(request, groups, query):
    """`groups` (pages the reader may see) matching `query`, best first."""
    return matching(groups, GROUP_KIND, query, reader=request)


def space_matches(request, group, query):
    """The group's pages and meetings in the reader's language that the reader may read and that
    match `query`, best first (at most SPACE_RESULTS), as specific pages."""
    pages = visible_pages_for(
        request.user, Page.objects.descendant_of(group).live().filter(locale_id=group.locale_id),
        request_restrictions(request))
    found = matching(pages, SPACE_KINDS, query, locale_id=group.locale_id, reader=request, within=space_paths(group))
    return list(found.specific()[:SPACE_RESULTS])


def matching_documents(request, documents, query, group):
    """`documents` (`group`'s, that the reader may list: groups.documents) matching `query`, best first."""
    return matching(documents, DOCUMENT_KIND, query, reader=request, within=space_paths(group))
