"""Language analysis in Python, the same for every engine: stop words, lemmas and match keys.

A *key* is what the engines compare: a word lemmatised in its language (simplemma, pure
PyPI: PostgreSQL has no Polish or Ukrainian stemmer and SQLite none at all), folded to
ASCII and reduced to its transliteration key (`search.text.translit_word`), so
"uchodźcom", "uchodzcow" and "uchodźca" meet, and so do "Харкові", "Kharkiv" and "Charków".

Indexing stores, for every word of an item, the key of the word as written and the key of
its lemma; a query word matches when any of its keys (as written, lemma in each language
its script may be) is stored. Stop words of each language are dropped from queries, so
"pomoc w szkole" counts two words, not three.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe
from stop_words import get_stop_words

from .text import fold, translit_word

LANGUAGES = ("pl", "uk", "en")
# Lucene's English stop set: the stop-words package's English list (1,300 words) holds
# "help", "home", "work", "free", words people search for here.
ENGLISH_STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then there "
    "these they this to was will with".split())
_WORD = re.compile(r"[\w'’ʼ]+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NOT_KEY = re.compile(r"[^a-z0-9]+")
SNIPPET_LENGTH = 200


@lru_cache(maxsize=1)
def stop_words():
    """{language: frozenset of lower-cased stop words}."""
    return {
        "pl": frozenset(get_stop_words("pl")),
        "uk": frozenset(w.replace("'", "’") for w in get_stop_words("uk")) | frozenset(get_stop_words("uk")),
        "en": ENGLISH_STOP_WORDS,
    }


def word_languages(word, language=None):
    """Languages a word may be in: Cyrillic is Ukrainian; Latin is the text's language, or pl/en."""
    if _CYRILLIC.search(word):
        return ("uk",)
    if language in ("pl", "en"):
        return (language,)
    return ("pl", "en")


def is_stop_word(word, languages):
    lower = word.lower()
    return any(lower in stop_words()[code] for code in languages)


# Ukrainian (and Russian) letters as Polish spells them (Жешув → żeszuw, Чернігів → czernihiw,
# Бидгощ → bydhoszcz): the transliteration key then meets the Polish name of a Polish town.
_CYRILLIC_TO_POLISH = str.maketrans({
    "а": "a", "б": "b", "в": "w", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "ż", "з": "z",
    "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz",
    "ь": "", "ю": "ju", "я": "ja", "ы": "y", "э": "e", "ё": "jo", "ъ": "", "'": "", "’": "", "ʼ": "",
})


def _key(word):
    return _NOT_KEY.sub("", translit_word(fold(word)))


def _spellings(lower):
    """A lower-case word as the transliteration keys see it: Cyrillic spelt the Polish way; Latin
    also with Polish ó, ę, ą as Ukrainian writes them (Rzeszów → Жешув, Częstochowa → Ченстохова)
    and with "ch" read as ч (English "Chernihiv", "yurydychna") besides х (Polish "Charków")."""
    if _CYRILLIC.search(lower):
        return {lower.translate(_CYRILLIC_TO_POLISH)}
    spellings = {lower}
    if any(letter in lower for letter in "óęą"):
        spellings.add(lower.replace("ó", "u").replace("ę", "en").replace("ą", "on"))
    spellings.update([spelling.replace("ch", "c") for spelling in spellings if "ch" in spelling])
    return spellings


def _keys(lower):
    return {_key(spelling) for spelling in _spellings(lower)}


def load_dictionaries():
    """Load simplemma's dictionaries of every language now (the Polish one takes seconds),
    so that the first request of a process that lemmatises does not wait for them.
    Gunicorn calls it before forking its workers, which then share them."""
    for code in LANGUAGES:
        simplemma.is_known("a", lang=code)  # a dictionary lookup: lemmatize() may answer from its token cache


@lru_cache(maxsize=1)
def _english_stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)  # texts repeat their words: the rebuild calls this for every word
def word_keys(word, languages):
    """The keys of one word: as written, and its lemma in each of `languages` (a tuple); for
    English also the Snowball stem of the lemma, which joins derived forms ("interpreting",
    "interpreters") that a lemma keeps apart."""
    lower = word.lower()
    keys = _keys(lower)
    for code in languages:
        lemma = simplemma.lemmatize(lower, lang=code).lower()
        keys |= _keys(lemma)
        if code == "en":
            keys.add(_key(_english_stemmer().stemWord(lemma)))
    keys.discard("")
    return tuple(sorted(keys))


def words(text):
    return _WORD.findall(text or "")


def folded_words(text):
    """The words of `text` folded to lower-case ASCII, one space between them."""
    return " ".join(words(fold(text)))


def text_keys(text, language=None):
    """Space-separated keys of every word of `text` (stop words kept out), for indexing."""
    keys = []
    for word in words(text):
        codes = word_languages(word, language)
        if not is_stop_word(word, codes):
            keys.extend(word_keys(word, codes))
    return " ".join(keys)


@dataclass(frozen=True)
class Term:
    """One word of a query and the keys that count as a match for it."""

    word: str
    keys: tuple
    # Synonyms (search.synonyms): the forms, each a tuple of Terms, any one of which matches
    # when it has all its words; `keys` is then the union of theirs (ranking, highlighting).
    # `typed`: the query's own words of that run, each of which still matches alone (as without
    # the synonym), ranked below a whole form.
    alternatives: tuple = ()
    typed: tuple = ()

    @property
    def folded(self):
        return fold(self.word)

    @property
    def words(self):
        """The one-word terms this term is matched by (itself, or every word of its alternatives)."""
        if not self.alternatives:
            return (self,)
        return tuple(word for form in self.alternatives for word in form) + self.typed


def query_terms(text, limit=10):
    """The query's words as Terms, stop words dropped (unless the query has nothing else),
    duplicates merged, at most `limit`."""
    terms, seen = [], set()
    all_words = words(text)
    content = [w for w in all_words if not is_stop_word(w, word_languages(w))] or all_words
    for word in content:
        keys = word_keys(word, word_languages(word))
        if keys and keys not in seen:
            seen.add(keys)
            terms.append(Term(word, keys))
    return terms[:limit]


def required_matches(count):
    """How many of `count` query words an item must match (Elasticsearch's minimum_should_match
    "1<-50%": one of two, two of three or four, three of five or six …)."""
    return count - count // 2 if count > 1 else count


def matched_spans(text, terms):
    """(start, end) of the words of `text` that have a key of one of the query's `terms`: the
    same keys as the search, so inflected, unaccented and other-script forms are found too."""
    wanted = {key for term in terms for key in term.keys}
    if not wanted:
        return []
    return [match.span() for match in _WORD.finditer(text or "")
            if set(word_keys(match.group(), word_languages(match.group()))) & wanted]


def matched_forms(text, terms):
    """The words of `text` (lower-cased, as written) that match `terms` (see `matched_spans`)."""
    return {text[start:end].lower() for start, end in matched_spans(text, terms)}


def highlight(text, terms, length=SNIPPET_LENGTH):
    """An escaped excerpt of `text` around the first matched word, the matched words in <mark>.

    Words match by the same keys as the search, so inflected forms are marked too."""
    text = text or ""
    spans = matched_spans(text, terms)
    start = 0
    if spans and spans[0][0] > length // 3:
        start = spans[0][0] - length // 3
        space = text.rfind(" ", 0, start)  # begin at a word boundary
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    out, last = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(text[last:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        last = span_end
    out.append(escape(text[last:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)
