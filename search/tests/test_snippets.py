"""Snippets are cut from bounded text only (never a whole attachment at query time); autocomplete
answers from indexed prefixes."""

import pytest

from search import indexing
from search.documents import alias_name, index_body
from search.engines import SearchRequest, autocomplete, search
from search.registry import SHOWN_TEXT, Entry

pytestmark = pytest.mark.django_db

FILLER = "Sprawozdanie roczne fundacji z działalności statutowej. " * 120  # > SHOWN_TEXT characters


def store(*entries):
    indexing.store(list(entries))
    indexing.push_pending()


def resource(object_id, title, body, summary="Raport o pomocy dla rodzin."):
    return Entry(kind="resource", object_id=object_id, title=title, url=f"/pl/r/{object_id}/", summary=summary,
                 texts={"pl": {"title": title, "summary": summary, "body": body}}, audience={"public"})


def hits(text):
    results = search(SearchRequest(text=text, language="pl"))
    assert not results.notice
    return {hit.object_id: hit for hit in results.hits}


def test_a_word_deep_in_an_attachment_finds_the_item_but_is_not_highlighted(engine):
    assert len(FILLER) > SHOWN_TEXT
    store(resource(1, "Raport roczny", FILLER + " Zakończenie: kwarantanna zwierząt domowych."),
          resource(2, "Poradnik", "Kwarantanna zwierząt domowych na granicy: co zabrać."))
    found = hits("kwarantanna")
    assert set(found) == {"1", "2"}
    # Within the bounded text: marked. Beyond it: the item is found, its snippet is the summary.
    assert "<mark>Kwarantanna</mark>" in found["2"].snippet
    assert "<mark>" not in found["1"].snippet
    assert "Raport o pomocy dla rodzin" in found["1"].snippet


def test_snippet_marks_inflected_forms(engine):
    store(resource(3, "Pomoc", "Udzielamy pomocy prawnej rodzinom uchodźczym w Lublinie."))
    assert "<mark>" in hits("pomoc prawna")["3"].snippet


def test_the_index_stores_offsets_of_the_snippet_text_and_title_prefixes(es):
    properties = es.indices.get_mapping(index=alias_name())
    mapping = next(iter(properties.values()))["mappings"]["properties"]
    for code in ("pl", "uk", "en"):
        assert mapping[f"snippet_{code}"]["index_options"] == "offsets"
    assert mapping["title_folded"]["index_prefixes"] == {"min_chars": 1, "max_chars": 10}
    assert mapping == index_body()["mappings"]["properties"] | mapping  # nothing of today's mapping missing


def test_autocomplete_by_typed_prefix(engine):
    store(resource(4, "Inicjatywa Przemyśl Pomaga", "Punkt pomocy na dworcu."),
          resource(5, "Harcerze w Charkowie", "Zbiórka."))
    assert [item["title"] for item in autocomplete("Przemy", {"public"}, "pl")] == ["Inicjatywa Przemyśl Pomaga"]
    assert [item["title"] for item in autocomplete("inicjatywa p", {"public"}, "pl")] == [
        "Inicjatywa Przemyśl Pomaga"]
