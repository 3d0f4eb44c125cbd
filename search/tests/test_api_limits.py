"""The search API: per-client throttling (HTTP 429) and anonymised logging of its queries."""

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


def test_api_queries_are_logged_anonymously(no_es, client):
    client.get("/api/v1/search", {"q": "Pomoc prawna jan.kowalski@example.org 600 700 800"})
    client.get("/api/v1/search", {"q": "pomoc  PRAWNA jan.kowalski@example.org 600 700 800"})
    client.get("/api/v1/search", {"q": "pomoc prawna", "page": "2"})  # further pages are not new searches
    client.get("/api/v1/search", {"q": "zzzz brak wyników"})
    stats = {stat.query: (stat.searches, stat.zero_results) for stat in QueryStat.objects.all()}
    assert stats == {"pomoc prawna [email] [#]": (2, 2), "zzzz brak wyników": (1, 1)}
