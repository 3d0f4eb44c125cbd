"""What every engine takes and gives: the request, the hits, the results, and the protocol."""

from dataclasses import dataclass, field
from typing import Protocol

PAGE_SIZE = 20
MAX_PAGE = 100  # deeper pages are not useful and cost Elasticsearch's deep paging
KEYS_PER_REQUEST = 1000
# Fewer results than this and a query gets a "did you mean" when a correction finds more.
THIN_RESULTS = 3
FILTERS = ("kind", "sector", "voivodeship", "target_group", "language", "topic", "year")


@dataclass
class SearchRequest:
    """What the reader asked for: text, facet filters, their language and their audience.

    `language` is the reader's language (the URL prefix, the API's `hl`): hits show that
    translation when it exists. The "language" filter is the content's language."""

    text: str = ""
    filters: dict = field(default_factory=dict)  # {"sector": ["housing"], …}
    language: str = "pl"
    audience: set | None = field(default_factory=lambda: {"public"})  # None: may see everything
    page: int = 1
    page_size: int = PAGE_SIZE
    order: str = ""  # "" (relevance with a query, newest without) or "date"
    # Tree paths hidden from the reader (core.access.reader_hidden_paths): entries with a page
    # under one of them are left out, whatever audience tokens they were stored with.
    hidden: tuple = ()
    # Tree paths to search under (e.g. a working group's pages in every language): when given, only
    # entries with a page under one of them (a group's pages, meetings, documents, discussions).
    within: tuple = ()

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    kind: str
    object_id: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    language: str  # the language of the title, snippet and URL shown
    languages: tuple = ()  # every language the item exists in


@dataclass
class Results:
    count: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # {"sector": [("housing", 3), …]}
    suggestion: str = ""
    engine: str = "database"
    notice: bool = False  # True when Elasticsearch failed and the database answered


class SearchUnavailable(Exception):
    """Elasticsearch could not answer (down, slow, broken index)."""


class Engine(Protocol):
    """An engine answers the three questions of the search service."""

    name: str

    def search(self, request: SearchRequest) -> Results:
        """One page of ranked hits, one per item, with facet counts of items."""

    def autocomplete(self, text: str, audience, language: str, size: int) -> list:
        """[{"title", "url", "type", "language"}] of items whose titles start with the typed words, best first."""

    def matching_keys(self, request: SearchRequest, keys: list) -> set:
        """Which of these entry keys the request's text and filters find (digests' saved searches)."""

    def ranked_ids(self, request: SearchRequest, limit: int) -> list:
        """Object ids of the best `limit` matches, best first (the search boxes of listings)."""


def shown_translation(translations, languages, preferred, default_title, default_url):
    """(language, {"title", "url", "summary"}) a reader of `preferred` is shown: their translation
    when it exists, else the original's (the first language the item has)."""
    codes = [code for code in (languages or ()) if code in (translations or {})]
    if preferred in codes:
        return preferred, translations[preferred]
    if codes:
        return codes[0], translations[codes[0]]
    first = languages[0] if languages else ""
    return first, {"title": default_title, "url": default_url, "summary": ""}
