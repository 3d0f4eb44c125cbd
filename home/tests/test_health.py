"""/healthz reports the database, the search engine, the task queue and the media storage."""

import pytest
from django.db.utils import OperationalError

from search.client import get_client
from tests.test_faults import closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def search_url(settings):
    """Point the search client at a given URL for one test, then restore it."""

    def point(url):
        settings.ELASTICSEARCH_URL = url
        get_client.cache_clear()

    yield point
    get_client.cache_clear()


def test_healthz_ok_without_search_engine(client, search_url):
    search_url("")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["search"] == "fallback"
    assert body["queue"]["state"] == "ok"
    assert body["storage"] == "ok"
    assert body["status"] == "ok"


def test_healthz_reports_a_stopped_search_engine(client, search_url):
    search_url("http://127.0.0.1:9")  # nothing listens on the discard port
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["search"].startswith("down")
    assert body["status"] == "degraded"


def test_healthz_503_when_database_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    from django.db import connections

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"].startswith("down")


def test_healthz_reports_running_search_engine(client, search_url, elasticsearch_url):
    search_url(elasticsearch_url)
    assert client.get("/healthz").json()["search"] == "ok"


def test_healthz_storage_probe_leaves_nothing_behind(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert client.get("/healthz").json()["storage"] == "ok"
    assert list((tmp_path / "media" / "healthz").iterdir()) == []


def test_healthz_reports_unusable_media_storage_as_degraded(client, settings, tmp_path, search_url):
    search_url("")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker / "media"  # real OSError on write, as with a missing volume
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["storage"].startswith("down: ")
    assert body["database"] == "ok" and body["status"] == "degraded"


def redis_cache(settings, url):
    """Production's cache (Redis failing open, home.cache) at `url` for one test."""
    settings.CACHES = {"default": {"BACKEND": "home.cache.FailOpenRedisCache", "LOCATION": url,
                                   "OPTIONS": settings.REDIS_CACHE_OPTIONS}}


def test_healthz_reports_the_shared_cache(client, settings, redis_url):
    redis_cache(settings, redis_url)
    assert client.get("/healthz").json()["cache"] == "ok"


def test_healthz_reports_an_unreachable_cache_as_degraded_and_pages_still_answer(client, settings, search_url,
                                                                                 home_page):
    search_url("")
    redis_cache(settings, f"redis://127.0.0.1:{closed_port()}/0")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["cache"].startswith("down") and body["status"] == "degraded"
    assert client.get("/pl/").status_code == 200
