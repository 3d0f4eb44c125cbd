"""On PostgreSQL the database engine's snippets are ts_headline's (SearchHeadline), on the page's rows
only, and mark the words that match the query's keys: inflected, unaccented and other-script forms."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import indexing
from search.engines import SearchRequest, search
from search.registry import Entry

pytestmark = pytest.mark.django_db

FILLER = "Sprawozdanie roczne z działalności statutowej fundacji w mieście. " * 20


def store(*entries):
    indexing.store(list(entries))


def entry(object_id, title, body, language="pl", summary=""):
    return Entry(kind="resource", object_id=object_id, title=title, url=f"/{language}/r/{object_id}/",
                 summary=summary, texts={language: {"title": title, "summary": summary, "body": body}},
                 audience={"public"})


def snippets(text, language="pl"):
    with CaptureQueriesContext(connection) as queries:
        results = search(SearchRequest(text=text, language=language))
    headline_queries = [q["sql"] for q in queries.captured_queries if "ts_headline" in q["sql"]]
    return {hit.object_id: hit.snippet for hit in results.hits}, headline_queries


def test_headline_marks_lemmatised_folded_and_transliterated_forms(no_es):
    assert connection.vendor == "postgresql"  # the main run's database; SQLite keeps search.analysis.highlight
    store(entry(1, "Porady", "Udzielamy pomocy prawnej rodzinom uchodźczym w Lublinie."),
          entry(2, "Житло", "Житло для родин у Вроцлаві.", language="uk"),
          entry(3, "Raport", FILLER + "Na końcu: kwarantanna zwierząt domowych. " + FILLER))

    found, sql = snippets("pomoc prawna")
    assert "<mark>pomocy</mark> <mark>prawnej</mark>" in found["1"]  # inflected forms of the typed words
    assert len(sql) == 1  # one query for the page's rows
    found, _sql = snippets("uchodzczym lublin")
    assert "<mark>uchodźczym</mark>" in found["1"] and "<mark>Lublinie</mark>" in found["1"]  # no diacritics
    found, _sql = snippets("zhytlo Wroclaw")
    assert "<mark>Житло</mark>" in found["2"] and "<mark>Вроцлаві</mark>" in found["2"]  # another script
    found, _sql = snippets("kwarantanna")
    # Deep in the text: the fragment around the word, bounded, marked, with "…" where the text goes on.
    assert found["3"].startswith("… ") and found["3"].endswith(" …")
    assert "<mark>kwarantanna</mark>" in found["3"] and len(found["3"]) < 400


def test_headline_is_escaped_and_marks_only_what_it_should(no_es):
    assert connection.vendor == "postgresql"
    store(entry(4, "Pomoc", "Pomoc <script>alert(1)</script> & \ue000wsparcie\ue001 dla rodzin, m'ясо."),
          entry(5, "Inne", "Nic o tym tutaj.", summary="Krótkie streszczenie."))
    found, sql = snippets("pomoc wsparcie")
    assert len(sql) == 1
    snippet = found["4"]
    assert "<script>" not in snippet and "\ue000" not in snippet and "\ue001" not in snippet
    assert snippet.count("<mark>") == snippet.count("</mark>") == 2
    assert "<mark>Pomoc</mark>" in snippet and "<mark>wsparcie</mark>" in snippet


def test_no_query_no_headline(no_es):
    store(entry(6, "Pomoc prawna", "Porady dla rodzin.", summary="Porady."))
    found, sql = snippets("")
    assert sql == [] and found["6"] == "Porady."
