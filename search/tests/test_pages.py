"""The search page and the API: shape, pagination, snippets, suggestions, schema, query log."""

import pytest

from home.factories import NewsPageFactory
from search import indexing
from search.models import QueryStat
from search.querylog import normalise

pytestmark = pytest.mark.django_db


def test_page_without_query_shows_the_form(no_es, client):
    response = client.get("/pl/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<label for="search-q">' in html and 'role="search"' in html


def test_api_shape_and_highlight(es, indexed, client):
    data = client.get("/api/v1/search", {"q": "uchodźców Warszawa", "lang": "pl"}).json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert set(hit) == {"type", "id", "title", "url", "snippet", "language", "languages"}
    assert hit["type"] == "news" and hit["language"] == "pl" and hit["url"].startswith("/pl/")
    assert "<mark>" in hit["snippet"]
    assert {"type", "sector", "voivodeship", "target_group", "language", "topic", "year"} <= set(data["facets"])
    assert data["facets"]["type"] == [{"value": "news", "count": 1}]


def test_page_facets_pagination_and_snippets(es, news_index, client):
    for n in range(23):
        NewsPageFactory(parent=news_index, slug=f"spotkanie-{n}", title=f"Spotkanie sieci numer {n}",
                        introduction="Spotkanie organizacji w Krakowie.")
    indexing.rebuild()
    html = client.get("/pl/search/", {"q": "spotkanie"}).content.decode()
    assert "23" in html and 'rel="next"' in html and "<mark>" in html
    page2 = client.get("/pl/search/", {"q": "spotkanie", "page": 2}).content.decode()
    assert page2.count('<li lang="pl">') == 3
    assert 'name="type" value="news"' in html


def test_did_you_mean(es, indexed, client):
    # Fuzziness finds most typos; one in the first letter finds nothing but gets a suggestion.
    html = client.get("/en/search/", {"q": "fsparcie"}).content.decode()
    assert "Did you mean" in html
    assert '?q=wsparcie">wsparcie</a>' in html
    # A suggestion is offered only when it finds something the reader may open.
    assert "Did you mean" not in client.get("/en/search/", {"q": "tajnf"}).content.decode()


def test_openapi_schema_describes_search(no_es, client):
    schema = client.get("/api/v1/schema", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "type", "sector", "voivodeship", "target_group",
                                                             "lang", "page"}
    throttled = operation["responses"]["429"]  # documented, with the header that says when to retry
    assert throttled["headers"]["Retry-After"]["required"] is True


def test_query_log_is_anonymised_and_reported(no_es, corpus, client, user_factory):
    indexing.rebuild()
    client.get("/pl/search/", {"q": "Uchodźców"})
    client.get("/pl/search/", {"q": "uchodźców"})
    client.get("/pl/search/", {"q": "jan@example.org 600 700 800"})
    stats = {s.query: (s.searches, s.zero_results) for s in QueryStat.objects.all()}
    assert stats == {"uchodźców": (2, 0), "[email] [#]": (1, 1)}
    assert normalise("PESEL 90010112345") == "pesel [#]"

    admin = user_factory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get("/admin/search-report/").content.decode()
    assert "uchodźców" in html and "[email] [#]" in html
    client.force_login(user_factory())
    assert client.get("/admin/search-report/").status_code in (302, 403)
