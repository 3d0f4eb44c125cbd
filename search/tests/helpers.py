"""Small helpers shared by the search tests."""

from search.engines import SearchRequest, search


def titles(text="", audience=frozenset({"public"}), **filters):
    """Titles found for `text` by the configured engine; fails if Elasticsearch fell back."""
    request = SearchRequest(text=text, filters=dict(filters), page_size=50,
                            audience=None if audience is None else set(audience))
    results = search(request)
    assert not results.notice, "Elasticsearch failed and the database answered"
    return [hit.title for hit in results.hits]
