"""Digests' saved searches through the search engine: inflection, other languages, filters,
and the database copy when Elasticsearch is down."""

import datetime

import pytest
from django.utils import timezone

from cms.digest_search import match_saved_search
from digests.matching import saved_search_matcher, text_matcher
from digests.sources import DigestItem, ItemText
from search import indexing

pytestmark = pytest.mark.django_db


def item_of(page, key=None):
    """A DigestItem as digests.pages builds it for a page (key: model label + translation key)."""
    return DigestItem(key=key or f"{page._meta.label_lower}:{page.translation_key}", kind="news",
                      published_at=timezone.now(), texts={"pl": ItemText(title=page.title, url="/x/")})


@pytest.fixture
def items(corpus):
    indexing.rebuild()
    unindexed = DigestItem(key="elsewhere.thing:1", kind="news", published_at=timezone.now(),
                           texts={"pl": ItemText(title="Pomoc dla uchodźców w Lublinie", url="/y/")})
    return {name: item_of(page.specific) for name, page in corpus.items()} | {"unindexed": unindexed}


def keys(items, *names):
    return {items[name].key for name in names}


def test_the_setting_plugs_the_search_engine_into_digests():
    assert saved_search_matcher() is match_saved_search


def test_saved_search_matches_through_elasticsearch(es, items):
    everything = list(items.values())
    # Inflection: "uchodźcom" (dative) finds "uchodźców"; text matching cannot.
    assert match_saved_search(everything, "q=uchodźcom") == keys(items, "refugees")
    assert text_matcher([items["refugees"]], "q=uchodźcom") == set()
    # Cyrillic/Latin place names across languages.
    assert match_saved_search(everything, "q=Kharkiv") == keys(items, "kharkiv")
    # The saved search's filters apply too; the unindexed item falls back to digests' matcher.
    assert match_saved_search(everything, "q=uchodźców&type=news") == keys(items, "refugees", "unindexed")
    assert match_saved_search(everything, "q=uchodźców&type=page") == keys(items, "unindexed")
    assert match_saved_search(everything, "type=news") == set()  # no words: no topic
    assert match_saved_search([items["housing"]], "q=refugees") == keys(items, "housing")


def test_saved_search_uses_the_database_when_elasticsearch_is_down(es, items, settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    everything = list(items.values())
    assert match_saved_search(everything, "q=uchodzcow") == keys(items, "refugees", "unindexed")
    assert match_saved_search(everything, "q=Lwów") == keys(items, "kharkiv", "lwow")
