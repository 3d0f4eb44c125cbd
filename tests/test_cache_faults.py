"""The shared cache failing mid-run: a real Redis of this test, hung (SIGSTOP) then stopped (SIGKILL).

Production's cache settings (home.cache.FailOpenRedisCache with REDIS_CACHE_OPTIONS) point
at a redis-server this test starts on a spare port; the Redis every engineer and CI share
keeps running. Pages keep answering while Redis hangs and while it is gone, a signed-in
reader stays signed in (sessions are in the database), signing in still works (the rate
limits fail open), /healthz says "degraded", and news published during the outage shows
once Redis is back with its old data (the missed version bump is made again: home.versions).
"""

import datetime
import time

import pytest
from django.test import Client

from bench.servers import LocalRedis
from home.factories import PASSWORD, NewsIndexPageFactory, NewsPageFactory
from tests.parallel import SERIAL_GROUP

# Redis hung for seconds: never beside the browser tests on a loaded machine.
pytestmark = pytest.mark.xdist_group(SERIAL_GROUP)

# A page computed while Redis hangs: one cache call waits 0.25 s, the process then leaves Redis
# alone (home.cache); the rest is the database's work on a loaded machine.
SLOW_BUT_ANSWERED = 10
RETRY_AFTER = 1


@pytest.fixture
def own_redis(tmp_path, settings):
    """This test's Redis as the default cache, with production's fail-open options."""
    with LocalRedis(tmp_path / "redis") as server:
        settings.CACHES = {"default": {"BACKEND": "home.cache.FailOpenRedisCache", "LOCATION": server.url,
                                       "OPTIONS": {**settings.REDIS_CACHE_OPTIONS, "RETRY_AFTER": RETRY_AFTER}}}
        yield server


def timed_get(client, path):
    started = time.monotonic()
    response = client.get(path)
    elapsed = time.monotonic() - started
    assert response.status_code == 200, (path, response.status_code)
    assert elapsed < SLOW_BUT_ANSWERED, (path, elapsed)
    return response


def wait_for_cache(client, state):
    """Wait until /healthz reports the cache as `state` ("ok") once the process tries Redis again."""
    for _ in range(RETRY_AFTER * 20 + 20):
        if client.get("/healthz").json()["cache"] == state:
            return
        time.sleep(0.1)
    raise AssertionError(f"/healthz never said the cache is {state}")


def publish_news(index, title, day):
    page = NewsPageFactory(parent=index, title=title, date=datetime.date(2026, 12, day))
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_pages_answer_and_nothing_is_lost_while_redis_hangs_then_stops(own_redis, home_pages, user_factory):
    index = NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")
    publish_news(index, "Before the outage", 1)
    member = user_factory()
    reader = Client()
    reader.force_login(member)
    visitor = Client()

    # Warm: the frame and the home page's sections are in Redis.
    assert "Before the outage" in timed_get(visitor, "/pl/").content.decode()
    assert timed_get(reader, "/pl/").wsgi_request.user == member
    assert own_redis.keys() > 0
    assert visitor.get("/healthz").json()["cache"] == "ok"

    # Hung: every cache call times out; pages are computed from the database.
    own_redis.hang()
    assert "Before the outage" in timed_get(visitor, "/pl/").content.decode()
    assert timed_get(reader, "/pl/").wsgi_request.user == member
    health = visitor.get("/healthz")
    assert health.status_code == 200
    assert health.json()["cache"].startswith("down") and health.json()["status"] == "degraded"
    publish_news(index, "Published while Redis hung", 2)
    assert "Published while Redis hung" in timed_get(visitor, "/pl/").content.decode()

    # Back with the values it held before the outage: none of them is served.
    own_redis.resume()
    wait_for_cache(visitor, "ok")
    assert "Published while Redis hung" in timed_get(visitor, "/pl/").content.decode()

    # Stopped: connections refused. Pages answer, the reader stays signed in, signing in works.
    own_redis.stop()
    assert timed_get(visitor, "/pl/aktualnosci/").status_code == 200
    assert timed_get(reader, "/pl/").wsgi_request.user == member
    newcomer = Client()
    response = newcomer.post("/pl/accounts/login/", {"login": user_factory().email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    publish_news(index, "Published while Redis was stopped", 3)
    assert "Published while Redis was stopped" in timed_get(newcomer, "/pl/").content.decode()
    assert visitor.get("/healthz").json()["status"] == "degraded"

    # Restarted empty: the cache is used again, the news are all there.
    own_redis.start()
    wait_for_cache(visitor, "ok")
    page = timed_get(visitor, "/pl/").content.decode()
    assert "Published while Redis was stopped" in page and "Published while Redis hung" in page
    assert own_redis.keys() > 0
