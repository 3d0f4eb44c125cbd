"""The search service: one interface, three engines behind the `Engine` protocol (base.py).

`search(SearchRequest)` uses Elasticsearch when ELASTICSEARCH_URL is set and answers from
the database when it is not (PostgreSQL or SQLite, whichever Django uses); when
Elasticsearch is down or slower than ELASTICSEARCH_TIMEOUT the database answers and
`Results.notice` says so. Every engine matches the same keys (search.analysis).
"""

from django.db import connection

from ..client import get_client
from .base import KEYS_PER_REQUEST, MAX_PAGE, PAGE_SIZE, THIN_RESULTS, Engine, Hit, Results, SearchRequest, SearchUnavailable
from .database import DatabaseEngine
from .elasticsearch import ElasticsearchEngine

__all__ = ["KEYS_PER_REQUEST", "MAX_PAGE", "PAGE_SIZE", "THIN_RESULTS", "DatabaseEngine", "ElasticsearchEngine", "Engine", "Hit",
           "Results", "SearchRequest", "SearchUnavailable", "autocomplete", "database_engine", "matching_keys",
           "ranked_ids", "search"]


def database_engine():
    """The database engine of the default connection's vendor."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresEngine

        return PostgresEngine()
    from .sqlite import SQLiteEngine

    return SQLiteEngine()


def search(request):
    """Run the search on the configured engine, falling back to the database on failure."""
    client = get_client()
    if client is not None:
        try:
            return ElasticsearchEngine(client).search(request)
        except SearchUnavailable:
            results = database_engine().search(request)
            results.notice = True
            return results
    return database_engine().search(request)


def autocomplete(text, audience, language="pl", size=8, hidden=()):
    """Items whose titles have the typed words: [{"title", "url", "type", "language"}], best first,
    each in the reader's language when translated; `hidden`: tree paths hidden from the reader."""
    client = get_client()
    if client is not None:
        try:
            return ElasticsearchEngine(client).autocomplete(text, audience, language, size, hidden)
        except SearchUnavailable:
            pass
    return database_engine().autocomplete(text, audience, language, size, hidden)


def ranked_ids(request, limit=1000):
    """Object ids of the best `limit` items for `request`, best first: what a listing's own
    search box (directory, library, needs and offers, groups, discussions) filters and orders by."""
    if not request.text:
        return []
    client = get_client()
    if client is not None:
        try:
            return ElasticsearchEngine(client).ranked_ids(request, limit)
        except SearchUnavailable:
            pass
    return database_engine().ranked_ids(request, limit)


def matching_keys(request, keys):
    """Which of these entry keys the request's text and filters find (no ranking, no facets).

    For matching known items (digests' saved searches); the database answers when
    Elasticsearch is not configured, down or slow."""
    keys = list(keys)
    if not keys or not request.text:
        return set()
    client = get_client()
    if client is not None:
        try:
            return ElasticsearchEngine(client).matching_keys(request, keys)
        except SearchUnavailable:
            pass
    return database_engine().matching_keys(request, keys)
