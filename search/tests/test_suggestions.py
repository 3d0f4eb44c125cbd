""""Did you mean" on every engine (the database engines from the vocabulary of indexed words),
typos inside phrases, and the help a reader gets when a search finds little."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import indexing, suggestions
from search.engines import THIN_RESULTS, SearchRequest, search
from search.models import IndexedWord, QueryStat
from search.registry import Entry

pytestmark = pytest.mark.django_db


def item(object_id, title, summary, sectors=()):
    return Entry(kind="page", object_id=object_id, title=title, url=f"/pl/p/{object_id}/", summary=summary,
                 texts={"pl": {"title": title, "summary": summary, "body": ""}}, audience={"public"},
                 facets={"sector": set(sectors)})


@pytest.fixture
def content(engine):
    indexing.store([item(1, "Wsparcie psychologiczne dla dzieci", "Spotkania z psychologiem w Krakowie.", ["housing"]),
                    item(2, "Pomoc prawna w Lublinie", "Porady prawne dla uchodźców.")])
    indexing.push_pending()
    return engine


def found(text):
    results = search(SearchRequest(text=text, language="pl"))
    assert not results.notice
    return results


def test_indexing_fills_the_vocabulary(no_es):
    indexing.store([item(3, "Wsparcie psychologiczne", "Porady dla rodzin z Charkowa.")])
    assert {"wsparcie", "psychologiczne", "porady", "rodzin", "charkowa"} <= set(
        IndexedWord.objects.values_list("word", flat=True))
    assert not IndexedWord.objects.filter(word__in=["dla", "z"]).exists()  # stop words and short words left out
    assert suggestions.closest("fsparcie") == "wsparcie"


def test_did_you_mean_a_misspelt_word(content):
    # A typo in the first letter: Elasticsearch's fuzzy match (prefix 1) finds nothing, PostgreSQL's
    # trigram similarity finds the item; either way the reader is offered the word.
    assert found("fsparcie").suggestion == "wsparcie"


def test_a_typo_inside_a_phrase_still_finds_and_is_corrected(content):
    results = found("pomoc prwna")
    assert [hit.title for hit in results.hits][:1] == ["Pomoc prawna w Lublinie"]
    assert results.suggestion == "pomoc prawna"


def test_no_suggestion_that_finds_nothing_or_for_a_good_query(content):
    assert found("tajnf").suggestion == ""
    assert found("pomoc prawna").suggestion == ""


def test_thin_results_help_the_reader_on(content, directory, client):
    # One typo: nothing found (Elasticsearch) or one fuzzy hit (PostgreSQL): few either way.
    response = client.get("/pl/search/", {"q": "fsparcie", "sector": "housing"})
    html = response.content.decode()
    assert response.status_code == 200 and 'class="thin-results"' in html
    assert '?q=wsparcie"' in html  # the corrected query
    assert "/pl/search/?q=fsparcie" in html  # the same search without its filters
    links = [part.split('"')[0] for part in html.split('href="')[1:]]
    browse = [link for link in links if link.startswith(directory.url + "?")]
    assert browse and parse_qs(urlsplit(browse[0].replace("&amp;", "&")).query) == {
        "q": ["fsparcie"], "sector": ["housing"]}
    # The listings' URLs are kept with the frame's values: the next thin search reads no listing page.
    with CaptureQueriesContext(connection) as captured:
        assert 'class="thin-results"' in client.get("/pl/search/", {"q": "fsparcie"}).content.decode()
    assert not [query for query in captured.captured_queries if type(directory)._meta.db_table in query["sql"]]


def test_empty_results_stay_in_the_editors_report(content, client):
    html = client.get("/pl/search/", {"q": "tajnf"}).content.decode()
    assert 'class="thin-results"' in html and "Nic nie znaleziono" in html
    assert QueryStat.objects.get(query="tajnf").zero_results == 1


def test_enough_results_get_no_help(content, client):
    indexing.store([item(10 + n, f"Pomoc nr {n}", "Pomoc dla rodzin.") for n in range(THIN_RESULTS)])
    indexing.push_pending()
    html = client.get("/pl/search/", {"q": "pomoc"}).content.decode()
    assert 'class="thin-results"' not in html


def test_postgresql_ranks_closer_spellings_of_a_typo_first(no_es):
    if connection.vendor != "postgresql":
        pytest.skip("TrigramWordSimilarity is PostgreSQL's (SQLite matches the start of the word)")
    indexing.store([item(20, "Tłumaczenie dokumentów", "Dla urzędów."),
                    item(21, "Tłumaczka przysięgła", "Dla sądów.")])
    # "tłumaczenie" is one swap from the typo, "tłumaczka" further: the closer one first
    # (without the similarity order the newer row would come first).
    assert [hit.title for hit in found("tłumaczenei").hits] == ["Tłumaczenie dokumentów", "Tłumaczka przysięgła"]
