"""Search rates per client (HTTP 429 from the API and the page, one counter) and anonymised logging of API queries."""

import uuid

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from search.limits import SearchRateThrottle, _log_key, seconds_to_wait
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


@pytest.fixture
def redis_cache(settings, request):
    """The default cache on the real Redis as production has it, under a key prefix of this test only."""
    settings.CACHES = {"default": {
        "BACKEND": "home.cache.FailOpenRedisCache", "LOCATION": request.getfixturevalue("redis_url"),
        "OPTIONS": settings.REDIS_CACHE_OPTIONS, "KEY_PREFIX": f"{settings.REDIS_KEY_PREFIX}-limits-{uuid.uuid4().hex}"}}


def test_on_redis_the_same_rate_costs_one_round_trip_per_search(no_es, settings, client, redis_cache, monkeypatch):
    settings.SEARCH_API_RATES = {"search": "3/min"}
    round_trips = []
    command, pipeline = redis.Redis.execute_command, redis.client.Pipeline.execute
    monkeypatch.setattr(redis.Redis, "execute_command",
                        lambda self, *args, **kwargs: round_trips.append(args[0]) or command(self, *args, **kwargs))
    monkeypatch.setattr(redis.client.Pipeline, "execute",
                        lambda self, *args, **kwargs: round_trips.append("pipeline") or pipeline(self, *args, **kwargs))
    request = RequestFactory().get("/api/v1/search", {"q": "pomoc"}, REMOTE_ADDR="192.0.2.9")
    request.user = AnonymousUser()
    assert seconds_to_wait(request) is None
    assert round_trips == ["pipeline"]
    for _ in range(2):
        assert seconds_to_wait(request) is None
    # The fourth within the minute is refused, with the wait until the first one leaves the window.
    assert 58 <= seconds_to_wait(request) <= 60
    # A refused request does not count: the client's log holds the three allowed ones.
    key = _log_key(SearchRateThrottle().get_cache_key(request, None))
    assert redis.Redis.from_url(settings.CACHES["default"]["LOCATION"]).zcard(key) == 3
    # The API and the page share the counter; another address has its own.
    assert client.get("/api/v1/search", {"q": "pomoc"}, REMOTE_ADDR="192.0.2.9").status_code == 429
    assert client.get("/pl/search/", {"q": "pomoc"}, REMOTE_ADDR="192.0.2.9").status_code == 429
    assert client.get("/pl/search/", {"q": "pomoc"}, REMOTE_ADDR="192.0.2.10").status_code == 200


def test_with_redis_unreachable_the_rate_lapses(no_es, settings, client):
    settings.CACHES = {"default": {"BACKEND": "home.cache.FailOpenRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": settings.REDIS_CACHE_OPTIONS}}
    settings.SEARCH_API_RATES = {"search": "1/min"}
    for _ in range(3):
        assert client.get("/api/v1/search", {"q": "pomoc"}).status_code == 200
