"""/healthz reports the database, the search engine and the task queue."""

import pytest
from django.db.utils import OperationalError

from search.client import get_client

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
