"""A view restriction written without model signals is enforced on the very next request.

Data migrations, imports and scripts write rows with `bulk_create` (no signals), so no cache
invalidation can hear them: access must never be decided from such a cache. With every cache
on and warm (the frame cache, template fragments, Wagtail's own), a login restriction
bulk-created on a public section is refused to anonymous visitors on the next request, for the
section and every page below it, on the local-memory cache and on Redis, and core.access's
listings drop the section at once.
"""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page, PageViewRestriction

from cms.settings.base import REDIS_CACHE_OPTIONS
from core.access import can_view, public_pages
from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from home.factories import NewsPageFactory as News

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def every_cache(request, settings):
    """The default cache as production has it (cms.settings.base): process memory, or Redis (with a
    key prefix of this test only)."""
    if request.param == "redis":
        settings.CACHES = {"default": {
            "BACKEND": "home.cache.FailOpenRedisCache", "LOCATION": request.getfixturevalue("redis_url"),
            "OPTIONS": REDIS_CACHE_OPTIONS, "KEY_PREFIX": f"{settings.REDIS_KEY_PREFIX}-access-{uuid.uuid4().hex}"}}
    else:
        settings.CACHES = {"default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"access-{uuid.uuid4().hex}"}}
    settings.FRAME_CACHE = True
    yield request.param
    from django.core.cache import cache

    cache.clear()


def test_a_bulk_created_restriction_is_refused_on_the_next_request(client, every_cache, home_page, user_factory):
    section = NewsIndexPageFactory(parent=home_page, slug="aktualnosci", show_in_menus=True)
    items = [NewsPageFactory(parent=section, slug=f"wiadomosc-{n}") for n in range(3)]
    elsewhere = StandardPageFactory(parent=home_page, slug="o-nas")
    pages = [section, *items]
    for _warm in range(2):  # fill every cache the pages use
        for page in [home_page, *pages, elsewhere]:
            assert client.get(page.url).status_code == 200, page.url

    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=section.pk), restriction_type=PageViewRestriction.LOGIN)])

    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 302 and "login" in response["Location"], (every_cache, page.url)
        assert not can_view(AnonymousUser(), page)
    assert client.get(elsewhere.url).status_code == 200
    assert set(public_pages(Page.objects.filter(pk__in=[p.pk for p in pages]))) == set()
    client.force_login(user_factory())
    assert all(client.get(page.url).status_code == 200 for page in pages)


def test_cached_lists_drop_a_bulk_restricted_page_at_once(client, every_cache, home_page, settings):
    """The menu and the home page's news are cached until the next publication; a restriction
    bulk-created since (no signal, so no invalidation) takes the page out of them on the next request."""
    section = NewsIndexPageFactory(parent=home_page, slug="aktualnosci", title="Aktualności sekcji",
                                   show_in_menus=True)
    item = News(parent=section, slug="tajna", title="Wiadomość do ukrycia")
    for _warm in range(2):
        body = client.get(home_page.url).content.decode()
        assert "Aktualności sekcji" in body and "Wiadomość do ukrycia" in body

    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=item.pk), restriction_type=PageViewRestriction.LOGIN)])
    body = client.get(home_page.url).content.decode()
    assert "Wiadomość do ukrycia" not in body and "Aktualności sekcji" in body

    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=section.pk), restriction_type=PageViewRestriction.LOGIN)])
    assert "Aktualności sekcji" not in client.get(home_page.url).content.decode()
