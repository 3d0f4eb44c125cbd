"""Elasticsearch down, hung or absent: the database answers, with a notice; never a 500."""

import pytest

from search import indexing

from .helpers import titles

pytestmark = pytest.mark.django_db

HOSTILE = ['"', "*", "\\", "x" * 10_000, "title:Wsparcie", "<script>alert(1)</script>", "a AND (b OR",
           "uchodź\u202eców", "-", "~2", "/regex/", "\x00"]


@pytest.fixture
def indexed_db(no_es, corpus):
    indexing.rebuild()
    return corpus


def test_stopped_elasticsearch_gives_fallback_with_notice(indexed_db, settings, closed_port, client):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    response = client.get("/pl/search/", {"q": "uchodźców"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wsparcie dla uchodźców z Ukrainy" in html
    assert "The full search is unavailable" in html or "Pełne wyszukiwanie" in html
    api = client.get("/api/v1/search", {"q": "uchodźców"})
    assert api.status_code == 200 and api.json()["count"] == 1
    assert api["X-Search-Engine"] == "database (fallback)"


def test_hung_elasticsearch_times_out_to_fallback(indexed_db, settings, silent_port, client):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{silent_port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    response = client.get("/pl/search/", {"q": "Kharkiv"})
    assert response.status_code == 200
    assert "Гуманітарний хаб у Харкові" in response.content.decode()


def test_no_elasticsearch_configured_answers_quietly(indexed_db, client):
    html = client.get("/pl/search/", {"q": "Lwów"}).content.decode()
    assert "Partnerstwo ze Lwowem" in html
    assert "The full search is unavailable" not in html


@pytest.mark.parametrize("engine", ["es", "no_es"])
def test_hostile_queries_give_a_normal_page(engine, request, corpus, client):
    request.getfixturevalue(engine)
    indexing.rebuild()
    for query in HOSTILE:
        for url in ("/pl/search/", "/api/v1/search", "/api/v1/search/autocomplete"):
            response = client.get(url, {"q": query, "page": "x", "sector": "<b>"})
            assert response.status_code == 200, (url, query)
            body = response.content.decode()
            assert "<script>alert" not in body
            assert "\u202e" not in body
        assert "The full search is unavailable" not in client.get("/pl/search/", {"q": query}).content.decode()


def test_malformed_year_filter_is_ignored_not_an_elasticsearch_error(es, indexed, client):
    """Found by the API fuzzer: year=abc made Elasticsearch answer 400 and the database take over."""
    response = client.get("/api/v1/search", {"q": "uchodźców", "year": ["abc", "2024"]})
    assert response["X-Search-Engine"] == "elasticsearch"
    assert response.json()["count"] == 1
    assert client.get("/api/v1/search", {"q": "uchodźców", "year": "abc"}).json()["count"] == 1


def test_database_fallback_tolerates_typos_with_trigrams(indexed_db, django_assert_max_num_queries):
    """pg_trgm: a letter wrong inside a word still finds it, only when nothing matched as typed."""
    from django.db import connection

    assert connection.vendor == "postgresql"
    assert titles("uchodxców") == ["Wsparcie dla uchodźców z Ukrainy"]
    assert titles("wsparcie uchodxców") == ["Wsparcie dla uchodźców z Ukrainy"]
    assert titles("Partnerstwo") == ["Partnerstwo ze Lwowem"]  # exact matches never widen to look-alikes
    assert titles("qqqqzzzz") == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry'")
        assert {"search_entry_folded_trgm", "search_entry_folded_title_trgm"} <= {row[0] for row in cursor}
