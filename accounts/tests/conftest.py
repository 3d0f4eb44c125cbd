"""Fixtures shared by the privacy tests of accounts."""

import pytest


@pytest.fixture
def fresh_cache():
    """Legal document versions are cached (accounts.consent): never let one test's versions reach another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
