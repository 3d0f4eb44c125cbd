"""The discussions' keyword box: threads matching the reader's words, best first.

The site search's service (search.listings) ranks the threads, so the box gets the same
inflection, folding, transliteration and typo tolerance. What the reader may read is decided
by `Thread.objects.visible_to` (the caller's queryset); the reader's audience tokens and hidden
paths also keep members-only threads of other groups out of the service's best matches.
"""

from home.translation import translation_paths
from search.listings import matching
from search.text import clean_query

KIND = "discussion"  # community.search.ThreadAdapter


def query_of(params):
    """The keyword box's words (`q`): cleaned and bounded, "" when none."""
    return clean_query(params.get("q", ""))


def matching_threads(threads, query, request, group):
    """`threads` (of `group`, a queryset `request`'s reader may read) matching `query`, best first."""
    # The group's tree in each language: other groups' threads never crowd this one's out.
    return matching(threads, KIND, query, reader=request, within=translation_paths(group))
