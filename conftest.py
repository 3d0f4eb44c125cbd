"""Fixtures shared by every app's tests: the page tree in the three site languages."""

import random

import factory.random
import pytest
from wagtail.models import Locale, Site

from home import frame
from home.factories import UserFactory


@pytest.fixture(autouse=True)
def _fake_data_of_the_test_alone(request):
    """The factories' random texts (Faker) depend on the test alone, not on which tests ran before it in
    its worker: a sentence that happens to hold a searched word then fails every run, not one CI run in
    fifty. Seeded from the module and test name (xdist's group suffix left out), as pytest-randomly
    reseeds, whatever the order."""
    seed = f"{request.node.module.__name__}::{request.node.name}"
    factory.random.reseed_random(seed)
    random.seed(seed)


@pytest.fixture(autouse=True)
def _fresh_frame_cache():
    """Each test starts with an empty cache: values cached from an earlier test's rolled-back
    data (frame parts, directory counts, library facets) must not show up in the next one, and
    the read-model counters bumped in that test (home.versions) were not rolled back."""
    from django.core.cache import cache
    from wagtail.models import Site

    cache.clear()
    frame.invalidate()
    # Wagtail keeps the sites' root paths in the cache too; a transactional test's flush (no
    # signals) or a rolled-back site change would otherwise leave the next test's page URLs None.
    Site.clear_site_root_paths_cache()
    yield


@pytest.fixture
def locales(db):
    """The site languages' Locale objects by code (created by home's migration)."""
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def home_page(db):
    """The default site's Polish home page."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def home_pages(home_page, locales):
    """The home page in pl, uk and en, keyed by language code. The translations are in every
    test's starting database (built once per run: tests/database.py, `build_page_tree`)."""
    pages = {"pl": home_page}
    for code in ("uk", "en"):
        pages[code] = home_page.get_translation(locales[code]).specific
    return pages


@pytest.fixture
def user_factory(db):
    """Create users with a verified e-mail address, ready to log in."""
    return UserFactory


@pytest.fixture
def elasticsearch_url(settings):
    """The real Elasticsearch's URL; outside CI a test needing it is skipped when it is absent."""
    import os

    url = settings.ELASTICSEARCH_URL or os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must run with ELASTICSEARCH_URL (make test starts Elasticsearch).")
        pytest.skip("ELASTICSEARCH_URL is not set (run the suite with make test).")
    return url


@pytest.fixture
def redis_url(settings):
    """The real Redis's URL; outside CI a test needing it is skipped when it is absent."""
    import os

    url = getattr(settings, "REDIS_URL", "") or os.environ.get("REDIS_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI must run with REDIS_URL (make test starts Redis).")
        pytest.skip("REDIS_URL is not set (run the suite with make test).")
    return url


# The migrated database before every test whatever ran before (tests/database.py), pytest-xdist
# scheduling (tests/parallel.py), and the browser-test fixtures (browser_page, log_in,
# assert_accessible…) for every app's tests.
pytest_plugins = ["tests.database", "tests.parallel", "tests.browser.plugin"]
