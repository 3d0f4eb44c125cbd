"""The edge page cache for real: deploy/nginx.conf run by Debian's nginx in front of the live server.

Anonymous pages are stored and served by nginx (X-Cache-Status HIT); a signed-in reader's
request bypasses the cache and gets their own page; a page that sets a cookie (forms: the
CSRF cookie) is never stored; publishing a page purges it and its ancestors through Wagtail's
frontend cache (a PURGE to nginx's purge port), so the next anonymous request gets the new text.
"""

import os

import pytest
from django.test import Client

from bench.servers import LocalNginx, nginx_available
from home.factories import NewsIndexPageFactory, NewsPageFactory
from tests.parallel import SERIAL_GROUP

pytestmark = pytest.mark.xdist_group(SERIAL_GROUP)

SITE_HOST = "localhost"  # the default Site's hostname: the purge's Host, hence the cache key's host


@pytest.fixture
def edge(transactional_db, live_server, tmp_path, settings):
    """nginx with the production configuration in front of the live server, purged by Wagtail."""
    if not nginx_available():
        if os.environ.get("CI"):
            pytest.fail("CI needs nginx and libnginx-mod-http-cache-purge (scripts/services.sh install).")
        pytest.skip("nginx with the cache-purge module is not installed (scripts/services.sh install)")
    proxy = LocalNginx(tmp_path / "nginx", f"127.0.0.1:{live_server.thread.port}", settings.STATIC_ROOT,
                       settings.MEDIA_ROOT)
    settings.WAGTAILFRONTENDCACHE = {"nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                                               "LOCATION": proxy.purge_url}}
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    with proxy:
        yield proxy


def visit(edge, path, **kwargs):
    status, headers, body = edge.get(path, headers={"Host": SITE_HOST}, **kwargs)
    return status, headers.get("X-Cache-Status"), body.decode()


def test_anonymous_pages_come_from_the_edge_and_a_publication_purges_them(edge, home_pages, user_factory):
    index = NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")
    news = NewsPageFactory(parent=index, title="Pierwsza wersja", slug="wiadomosc")
    page, listing = "/pl/aktualnosci/wiadomosc/", "/pl/aktualnosci/"

    for path in (page, listing):
        status, cache, body = visit(edge, path)
        assert (status, cache) == (200, "MISS") and "Pierwsza wersja" in body
        assert visit(edge, path)[:2] == (200, "HIT")

    # Signed in: never from the cache, never stored.
    member = user_factory(first_name="Zofia")
    reader = Client()
    reader.force_login(member)
    session = {"sessionid": reader.cookies["sessionid"].value}
    status, cache, body = visit(edge, page, cookies=session)
    assert (status, cache) == (200, "BYPASS") and "accounts/logout/" in body
    status, cache, body = visit(edge, page)  # the anonymous copy is untouched
    assert cache == "HIT" and "accounts/logout/" not in body

    # Published: the page and the listing above it are purged once the publication commits.
    news.title = "Druga wersja"
    news.save_revision().publish()
    for path in (page, listing):
        status, cache, body = visit(edge, path)
        assert (status, cache) == (200, "MISS") and "Druga wersja" in body and "Pierwsza wersja" not in body
        assert visit(edge, path)[1] == "HIT"


def test_a_page_that_sets_a_cookie_is_never_stored(edge, home_pages):
    login = "/pl/accounts/login/"
    first, second = visit(edge, login), visit(edge, login)
    assert first[0] == 200 and (first[1], second[1]) == ("MISS", "MISS")
