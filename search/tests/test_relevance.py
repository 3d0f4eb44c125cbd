"""Relevance in Polish, Ukrainian and English on Elasticsearch and on the database fallback.

Each engine indexes the corpus once and answers a table of cases, so a failure lists
every case that failed (and the suite stays fast).
"""

import pytest

from search.engines import SearchRequest, search

from .helpers import titles

pytestmark = pytest.mark.django_db

REFUGEES = "Wsparcie dla uchodźców z Ukrainy"
KHARKIV = "Гуманітарний хаб у Харкові"
LWOW = "Partnerstwo ze Lwowem"
HOUSING = "Housing for families"

# (query, filters, title that must be found); both engines.
COMMON_CASES = [
    ("uchodźcom", {}, REFUGEES),  # inflection (ES: hunspell; database: prefix)
    ("uchodzcow", {}, REFUGEES),  # no diacritics
    ("UCHODŹCÓW", {}, REFUGEES),
    ("uchodzcom", {}, REFUGEES),  # inflection and no diacritics
    ("Kharkiv", {}, KHARKIV),  # Latin → Cyrillic
    ("Charków", {}, KHARKIV),  # Polish exonym → Ukrainian
    ("charkow", {}, KHARKIV),
    ("Lviv", {}, KHARKIV),
    ("Lviv", {}, LWOW),  # English → Polish "Lwów"
    ("Львів", {}, LWOW),  # Cyrillic → Polish
    ("Lwów", {}, KHARKIV),
]
# Only Elasticsearch has a Ukrainian stemmer and fuzzy matching.
ES_CASES = [
    ("біженців", {}, KHARKIV),  # uk inflection: "біженцям" in the text
    ("Warszawue", {}, REFUGEES),  # one-letter typo
    ("apartmants", {}, HOUSING),
    ("refugee", {}, HOUSING),
]



def test_relevance_cases(engine, indexed):
    cases = COMMON_CASES + (ES_CASES if engine == "elasticsearch" else [])
    failures = [(query, filters, wanted) for query, filters, wanted in cases
                if wanted not in titles(query, **filters)]
    assert failures == []
    assert titles("krokodyl") == []

    # Filters together with a query, and filters alone.
    assert titles("Lwów", kind=["page"]) == [LWOW]
    assert titles("Lwów", kind=["news"]) == [KHARKIV]
    assert set(titles("", year=["2024"], kind=["news"])) == {REFUGEES, HOUSING}
    assert titles("uchodźców", language=["en"]) == []


def test_title_matches_rank_first(es, indexed):
    """A word in the title outweighs the reader's language: "Lwów" is the Polish page's title."""
    assert [hit.title for hit in search(SearchRequest(text="Львів", language="uk")).hits] == [LWOW, KHARKIV]
    assert search(SearchRequest(text="Lwów", language="pl")).hits[0].title == LWOW


def test_facet_counts(engine, indexed):
    results = search(SearchRequest(text="", filters={"kind": ["news", "page"]}))
    facets = {name: dict(buckets) for name, buckets in results.facets.items()}
    assert facets["kind"]["news"] == 3
    assert facets["language"] == {"pl": 2, "uk": 1, "en": 1} | facets["language"]
    assert facets["year"]["2024"] == 2
