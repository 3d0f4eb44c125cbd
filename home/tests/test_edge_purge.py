"""Publishing, unpublishing or moving a page sends PURGE requests for it and the pages above it.

A small HTTP server stands in for nginx's purge port and records what Wagtail's frontend
cache sends (tests/test_edge_cache.py runs the real nginx).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def purges(settings):
    """The (Host, path) of every PURGE received while the test runs."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {"nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                                               "LOCATION": f"http://127.0.0.1:{server.server_port}"}}
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    yield received
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_page_and_its_ancestors_after_commit(purges, home_pages,
                                                                   django_capture_on_commit_callbacks):
    index = NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")
    news = NewsPageFactory(parent=index, slug="wiadomosc")
    purges.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        news.save_revision().publish()
    assert ("localhost", "/pl/aktualnosci/wiadomosc/") in purges  # Wagtail's own purge, at once
    purges.clear()
    for callback in callbacks:
        callback()
    assert set(purges) == {("localhost", "/pl/aktualnosci/wiadomosc/"), ("localhost", "/pl/aktualnosci/"),
                           ("localhost", "/pl/")}

    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert {("localhost", "/pl/aktualnosci/"), ("localhost", "/pl/")} <= set(purges)


def test_nothing_is_sent_without_an_edge_cache(home_pages, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = None
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        NewsIndexPageFactory(parent=home_pages["pl"]).save_revision().publish()
    assert not [callback for callback in callbacks
                if getattr(callback, "__qualname__", "").startswith(("page_changed", "page_moved"))]
