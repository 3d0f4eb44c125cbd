"""Fixtures of the search tests: a clean index per test, content in three languages, readers."""

import datetime

import pytest
from django.contrib.auth.models import Group
from elasticsearch import helpers
from wagtail.models import PageViewRestriction

# The directory's own fixtures: organisation_factory(title=…, sectors=[…]) publishes under one directory.
from directory.tests.conftest import directory, organisation_factory  # noqa: F401
from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from home.translation import ensure_translation
from search import indexing
from search.client import get_client
from search.documents import alias_name, index_body


def empty_index(client):
    """This run's content index (one per checkout and xdist worker), empty.

    Created once and then emptied between tests: deleting documents costs a few
    milliseconds, creating an index with its analyzers a good part of a second.
    Indexes left beside the alias (a test's rebuild, an interrupted swap) are dropped.
    """
    alias = alias_name()
    behind = set(client.indices.get_alias(name=alias)) if client.indices.exists_alias(name=alias) else set()
    if behind and _outdated(client, alias):
        behind = set()  # made by an older mapping: dropped below and created again
    names = set(client.indices.get(index=f"{alias}*", ignore_unavailable=True, allow_no_indices=True))
    if names - behind:
        client.indices.delete(index=",".join(sorted(names - behind)), ignore_unavailable=True)
    if behind:
        # By id: the server has no delete-by-query (its reindex module is not installed).
        client.indices.refresh(index=alias)
        hits = client.search(index=alias, query={"match_all": {}}, size=10_000, source=False)["hits"]["hits"]
        if hits:
            helpers.bulk(client, ({"_op_type": "delete", "_index": alias, "_id": hit["_id"]} for hit in hits),
                         refresh=True)
    else:
        indexing.ensure_index(client)


def _outdated(client, alias):
    """Whether the index behind `alias` lacks a field or setting of today's mapping (an older checkout made it)."""
    wanted = index_body()["mappings"]["properties"]
    for mapping in client.indices.get_mapping(index=alias).values():
        properties = mapping["mappings"].get("properties", {})
        if any(properties.get(name, {}).get(key) != value for name, field in wanted.items()
               for key, value in field.items() if key in ("type", "index_options", "index_prefixes")):
            return True
    return False


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Each test starts with empty API rate counters (they live in the cache, across tests)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def es(settings, elasticsearch_url):
    """The real Elasticsearch with an empty content index (emptied again by the next test that asks)."""
    settings.ELASTICSEARCH_URL = elasticsearch_url
    client = get_client()
    empty_index(client)
    return client


@pytest.fixture
def no_es(settings):
    """The embedded default: no Elasticsearch configured, the database answers."""
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture(params=["elasticsearch", "database"])
def engine(request):
    """Run a test on both engines (the value names the one in use)."""
    request.getfixturevalue("es" if request.param == "elasticsearch" else "no_es")
    return request.param



@pytest.fixture
def news_index(home_pages):
    return NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")


@pytest.fixture
def corpus(home_pages, news_index):
    """News and pages whose words the relevance tests look for, in pl, uk and en."""
    uk_index = ensure_translation(news_index, "uk", title="Новини")
    en_index = ensure_translation(news_index, "en", title="News")
    pages = {
        "refugees": NewsPageFactory(
            parent=news_index, slug="uchodzcy", title="Wsparcie dla uchodźców z Ukrainy",
            introduction="Punkt pomocy prawnej w Warszawie przyjmuje osoby uchodźcze.",
            date=datetime.date(2024, 3, 1)),
        "kharkiv": NewsPageFactory(
            parent=uk_index, slug="kharkiv", title="Гуманітарний хаб у Харкові",
            introduction="Допомога біженцям з Харків та Львів.", date=datetime.date(2023, 5, 2)),
        "housing": NewsPageFactory(
            parent=en_index, slug="housing", title="Housing for families",
            introduction="Shelters and apartments offered to refugees.", date=datetime.date(2024, 1, 10)),
        "lwow": StandardPageFactory(
            parent=home_pages["pl"], slug="lwow", title="Partnerstwo ze Lwowem",
            introduction="Współpraca organizacji z Polski i Lwów."),
    }
    return pages


@pytest.fixture
def restricted(home_pages):
    """A members-only page and a page for one group, with the group and its member."""
    group = Group.objects.create(name="Grupa robocza edukacja")
    members = StandardPageFactory(parent=home_pages["pl"], slug="czlonkowie", title="Tajne sprawozdanie członkowskie",
                                  introduction="Tylko dla zalogowanych.")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    grouped = StandardPageFactory(parent=home_pages["pl"], slug="grupa", title="Tajne notatki grupy",
                                  introduction="Tylko dla grupy.")
    restriction = PageViewRestriction.objects.create(page=grouped, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    return {"members": members, "grouped": grouped, "group": group}


@pytest.fixture
def indexed(corpus):
    """The corpus in the database copy and, when configured, in Elasticsearch."""
    indexing.rebuild()
    return corpus


@pytest.fixture
def closed_port():
    """A local port nobody listens on: connecting is refused at once, like a stopped Elasticsearch."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_port():
    """A local port that accepts connections and never answers: a hung Elasticsearch."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()
