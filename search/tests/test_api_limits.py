"""Search rates per client (HTTP 429 from the API and the page, one counter) and anonymised logging of API queries."""

import pytest

from search.models import QueryStat

pytestmark = pytest.mark.django_db


def test_search_api_is_throttled_per_client(no_es, settings, client, user_factory):
    settings.SEARCH_API_RATES = {"search": "3/min", "autocomplete": "2/min"}
    for _ in range(3):
        assert client.get("/api/v1/search", {"q": "pomoc"}).status_code == 200
    limited = client.get("/api/v1/search", {"q": "pomoc"})
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0

    other = client.get("/api/v1/search", {"q": "pomoc"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200  # another address has its own budget

    client.force_login(user_factory())
    assert client.get("/api/v1/search", {"q": "pomoc"}).status_code == 200  # a signed-in user is counted apart

    for _ in range(2):
        assert client.get("/api/v1/search/autocomplete", {"q": "po"}).status_code == 200
    assert client.get("/api/v1/search/autocomplete", {"q": "po"}).status_code == 429


def test_search_page_is_limited_with_the_api_counter(no_es, settings, client):
    settings.SEARCH_API_RATES = {"search": "3/min"}
    for _ in range(5):
        assert client.get("/pl/search/").status_code == 200  # the empty form searches nothing: never counted
    assert client.get("/pl/search/", {"q": "pomoc"}).status_code == 200
    assert client.get("/api/v1/search", {"q": "pomoc"}).status_code == 200
    assert client.get("/pl/search/", {"type": "page"}).status_code == 200
    searches = QueryStat.objects.get(query="pomoc").searches

    limited = client.get("/pl/search/", {"q": "pomoc"})
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 60
    html = limited.content.decode()
    assert "<h1>Zbyt wiele wyszukiwań</h1>" in html
    assert f"Odczekaj {limited['Retry-After']} sek" in html  # the wait the header announces, in words
    assert QueryStat.objects.get(query="pomoc").searches == searches  # a refused search is not logged
    assert client.get("/api/v1/search", {"q": "pomoc"}).status_code == 429  # and the API shares the budget
    assert client.get("/pl/search/").status_code == 200
    assert client.get("/pl/search/", {"q": "pomoc"}, REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.parametrize("language, heading", [
    ("pl", "Zbyt wiele wyszukiwań"), ("uk", "Забагато пошуків"), ("en", "Too many searches"),
])
def test_limited_search_page_is_translated_and_escaped(no_es, settings, client, home_pages, language, heading):
    settings.SEARCH_API_RATES = {"search": "1/min"}
    client.get(f"/{language}/search/", {"q": "pomoc"})
    limited = client.get(f"/{language}/search/", {"q": '<script>alert(1)</script>\u202e" onerror=x'})
    assert limited.status_code == 429
    html = limited.content.decode()
    assert f"<h1>{heading}</h1>" in html and html.count("<h1") == 1
    assert f'lang="{language}"' in html and "<main" in html
    assert "<script>alert" not in html and '" onerror' not in html


def test_api_queries_are_logged_anonymously(no_es, client):
    client.get("/api/v1/search", {"q": "Pomoc prawna jan.kowalski@example.org 600 700 800"})
    client.get("/api/v1/search", {"q": "pomoc  PRAWNA jan.kowalski@example.org 600 700 800"})
    client.get("/api/v1/search", {"q": "pomoc prawna", "page": "2"})  # further pages are not new searches
    client.get("/api/v1/search", {"q": "zzzz brak wyników"})
    stats = {stat.query: (stat.searches, stat.zero_results) for stat in QueryStat.objects.all()}
    assert stats == {"pomoc prawna [email] [#]": (2, 2), "zzzz brak wyników": (1, 1)}
