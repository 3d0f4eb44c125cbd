"""Small helpers shared by the search tests."""

from search.engines import SearchRequest, search


def titles(text="", audience=frozenset({"public"}), reader="pl", **filters):
    """Titles found for `text` by the configured engine, as a reader of `reader` sees them;
    fails if Elasticsearch fell back."""
    request = SearchRequest(text=text, filters=dict(filters), page_size=50, language=reader,
                            audience=None if audience is None else set(audience))
    results = search(request)
    assert not results.notice, "Elasticsearch failed and the database answered"
    return [hit.title for hit in results.hits]
