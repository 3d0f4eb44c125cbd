"""The match keys of search.analysis: spellings, scripts and inflections that must meet."""

import pytest
from simplemma.strategies.dictionaries import dictionary_factory
from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

from search.analysis import load_dictionaries, query_terms, required_matches, text_keys, word_keys, word_languages


def keys(word):
    return set(word_keys(word, word_languages(word)))


@pytest.mark.parametrize(("one", "other"), [
    # Polish towns in Ukrainian Cyrillic and in Latin transliteration (rules, no list).
    ("Rzeszów", "Жешув"), ("Rzeszów", "Zheshuv"), ("Bydgoszcz", "Бидгощ"), ("Częstochowa", "Ченстохова"),
    ("Góra", "Ґура"), ("Wrocław", "Вроцлав"), ("Kraków", "Краків"),
    # Ukrainian words typed in Latin, English or Polish style.
    ("допомога", "dopomoha"), ("юридична", "yurydychna"), ("житло", "zhytlo"), ("психолог", "psykholoh"),
    ("Чернігів", "Chernihiv"), ("Харків", "Kharkiv"), ("Харків", "Charków"), ("Львів", "Lwów"),
    # Inflection and missing diacritics.
    ("uchodźcom", "uchodźców"), ("uchodźców", "uchodzcow"), ("szkołach", "szkola"), ("юристом", "юрист"), ("interpreting", "interpreters"),
])
def test_spellings_meet(one, other):
    assert keys(one) & keys(other), (keys(one), keys(other))


@pytest.mark.parametrize("names", [
    # Exonyms no spelling rule reaches, from GeoNames' alternate names (search.places), inflected too.
    ("Lwów", "Lwowie", "Львів", "Львові", "Lviv", "Lemberg"),
    ("Kijów", "Kijowie", "Київ", "Києві", "Kyiv", "Kiev"),
    ("Charków", "Charkowie", "Харків", "Харкові", "Kharkiv", "Kharkov"),
    ("Warszawa", "Warszawie", "Варшава", "Warsaw"),
    ("Wrocław", "Вроцлав", "Breslau"), ("Odessa", "Одеса", "Odesa"), ("Dniepr", "Дніпро", "Dnipro"),
    ("Łódź", "Łodzi", "Лодзь"), ("Mikołajów", "Миколаїв", "Mykolaiv"),
])
def test_place_names_meet_across_exonyms(names):
    shared = set.intersection(*(keys(name) for name in names))
    assert shared, {name: keys(name) for name in names}


def test_a_word_is_not_taken_for_a_town():
    # "ludzi" (people) ends like a case of "Łůdź", an alternate name of Łódź: a known word keeps its key.
    assert not keys("ludzi") & keys("Łódź")
    assert not keys("kraju") & keys("Kraków")


def test_stop_words_and_required_matches():
    assert [term.word for term in query_terms("dzieci ukraińskie w szkołach")] == ["dzieci", "ukraińskie", "szkołach"]
    assert [term.word for term in query_terms("де знайти житло у Кракові")] == ["знайти", "житло", "Кракові"]
    assert [term.word for term in query_terms("the")] == ["the"]  # nothing else: the stop word stays
    assert [required_matches(n) for n in range(1, 6)] == [1, 1, 2, 2, 3]
    assert "pomoc" in text_keys("Pomoc prawna w Lublinie", "pl").split()



def test_loaded_dictionaries_serve_every_language_without_the_disk(monkeypatch):
    DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_clear()  # as in a new process
    load_dictionaries()
    monkeypatch.setattr(dictionary_factory, "_load_dictionary_from_disk",
                        lambda lang: pytest.fail(f"the {lang} dictionary was read from disk again"))
    word_keys.cache_clear()
    assert keys("domy") & keys("dom")
    assert keys("будинки") & keys("будинок")
    assert keys("houses") & keys("house")
