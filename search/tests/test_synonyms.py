"""Synonyms the editors keep: applied by every engine by expanding the query, at once, no reindex."""

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import secretariat_group
from search import indexing, synonyms
from search.models import Synonym
from search.registry import Entry
from search.roles import ensure_secretariat_rights
from search.skeleton import STARTER, ensure_synonyms
from search.tests.helpers import titles

pytestmark = pytest.mark.django_db


def store(*entries):
    indexing.store(list(entries))
    indexing.push_pending()


def item(object_id, title, body, language="pl"):
    return Entry(kind="page", object_id=object_id, title=title, url=f"/{language}/p/{object_id}/",
                 texts={language: {"title": title, "summary": "", "body": body}}, audience={"public"})


@pytest.fixture
def content(engine):
    store(item(1, "Świadczenie dla rodzin", "Jak złożyć wniosek o 800+ dla dziecka z Ukrainy."),
          item(2, "Посвідка на проживання", "Як отримати посвідку на проживання в Польщі.", "uk"),
          item(3, "Kurs języka", "Kurs języka polskiego dla dorosłych w Krakowie."))
    return engine


def test_without_a_synonym_jargon_finds_nothing(content):
    assert titles("child benefit") == []
    assert titles("residence card") == []


def test_a_synonym_applies_at_once_on_every_engine(content):
    Synonym.objects.create(name="800 plus", terms_pl="800 plus\n800+", terms_en="child benefit")
    assert titles("800 plus") == ["Świadczenie dla rodzin"]
    assert titles("child benefit") == ["Świadczenie dla rodzin"]
    Synonym.objects.create(name="Karta pobytu", terms_pl="karta pobytu", terms_uk="посвідка на проживання",
                           terms_en="residence card")
    # Inflected, without diacritics, in a longer question: the form is recognised by its keys.
    assert titles("jak dostać kartę pobytu") == ["Посвідка на проживання"]
    assert titles("residence card") == ["Посвідка на проживання"]
    # Deleted: gone from the next search.
    Synonym.objects.filter(name="Karta pobytu").delete()
    assert titles("residence card") == []


def test_another_form_matches_with_all_its_words_and_ranks_first(content):
    store(item(4, "Wychowanie", "Poradnik: wychowawcze wyzwania w nowej szkole."),
          item(5, "Rodzina 800 plus", "Świadczenie wychowawcze: kto może je dostać."))
    Synonym.objects.create(name="800 plus", terms_pl="800 plus\nświadczenie wychowawcze")
    # "plus" alone is not the form "800 plus": nothing is expanded, nothing more found.
    assert titles("plus") == ["Rodzina 800 plus"]
    # A whole form first (either form); one typed word alone still finds, below.
    found = titles("świadczenie wychowawcze")
    assert found[0] == "Rodzina 800 plus"
    assert set(found[1:]) == {"Świadczenie dla rodzin", "Wychowanie"}


def test_expansion_makes_one_term_of_the_form():
    Synonym.objects.create(name="PESEL UKR", terms_pl="PESEL UKR\nstatus UKR")
    terms = synonyms.search_terms("numer pesel ukr dla dziecka")
    assert [term.word for term in terms] == ["numer", "pesel ukr", "dziecka"]
    assert [[word.word for word in form] for form in terms[1].alternatives] == [["PESEL", "UKR"], ["status", "UKR"]]


def test_validation():
    with pytest.raises(ValidationError):
        Synonym(name="one", terms_pl="800 plus").full_clean()
    with pytest.raises(ValidationError):
        Synonym(name="punctuation", terms_pl="800 plus\n+++").full_clean()
    Synonym(name="ok", terms_pl="800 plus", terms_uk="800 плюс").full_clean()


def test_the_secretariat_keeps_synonyms_in_the_admin(client, django_user_model):
    ensure_secretariat_rights()
    editor = django_user_model.objects.create_user(username="sekretariat", email="s@example.org", password="x")
    editor.groups.add(secretariat_group())
    client.force_login(editor)
    response = client.post("/admin/snippets/search/synonym/add/", {
        "name": "ZUS", "terms_pl": "ZUS\nubezpieczenie społeczne", "terms_uk": "", "terms_en": "social insurance"})
    assert response.status_code == 302
    assert Synonym.objects.get(name="ZUS").forms() == ["ZUS", "ubezpieczenie społeczne", "social insurance"]
    response = client.post("/admin/snippets/search/synonym/add/", {"name": "x", "terms_pl": "ZUS"})
    assert response.status_code == 200 and Synonym.objects.filter(name="x").count() == 0
    assert "Give at least two equivalent words or phrases." in response.content.decode() or \
        "Podaj co najmniej dwa" in response.content.decode()


def test_starter_synonyms_are_created_once():
    assert ensure_synonyms() == len(STARTER)
    assert ensure_synonyms() == 0
    assert len(synonyms.groups()) == len(STARTER)
