"""Text helpers shared by indexing and querying: plain text, folding and transliteration keys.

Folding and transliteration run in Python (anyascii) rather than in an Elasticsearch
filter, so they behave the same on any Elasticsearch distribution and in the database
fallback: "Харків", "Kharkiv" and "Charków" all reduce to the key "harkiv", and a query without Polish diacritics equals the folded text.
"""

import re
from functools import lru_cache

from anyascii import anyascii
from django.utils.html import strip_tags

MAX_QUERY_LENGTH = 200

# Spelling rules from Polish, Ukrainian (after anyascii) and English romanisations
# to one phonetic key, longest first ("Charków" → "harkov", then search.places → "harkiv").
_RULES = [
    ("shch", "s"), ("szcz", "s"), ("sch", "s"),
    ("kh", "h"), ("ch", "h"), ("zh", "z"), ("rz", "z"), ("sh", "s"), ("sz", "s"),
    ("cz", "c"), ("ts", "c"), ("tz", "c"),
    ("w", "v"), ("y", "i"), ("j", "i"), ("'", ""), ("ʹ", ""),
    # Ukrainian г is "h" in Latin (Kharkiv, dopomoha) while anyascii gives "g" (допомога → dopomoga).
    ("g", "h"),
]
# Polish and Ukrainian case endings (after the rules above), longest first.
_CASE_ENDINGS = ("ovi", "iem", "ach", "ami", "em", "ie", "om", "a", "u", "i", "e")
_WORD = re.compile(r"[\w'-]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def plain_text(value):
    """Plain text of a string, rich text or StreamField value (tags stripped, spaces collapsed)."""
    if value is None:
        return ""
    if hasattr(value, "raw_data") or hasattr(value, "stream_block"):
        value = stream_text(value)
    text = strip_tags(str(value))
    return _SPACES.sub(" ", text).strip()


def stream_text(stream):
    """The text of a StreamField value, block by block, without rendering templates."""
    parts = []

    def walk(value):
        if value is None:
            return
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            parts.append(value)

    for block in getattr(stream, "raw_data", []):
        walk(block.get("value") if isinstance(block, dict) else block)
    return strip_tags(" ".join(parts))


def fold(text):
    """Lower-case ASCII form of any script ("Uchodźców" → "uchodzcow", "Харків" → "kharkiv")."""
    return anyascii(text or "").lower()


def spelling_key(word):
    """The rules-only phonetic key of one folded word (no place names)."""
    key = word
    for source, target in _RULES:
        key = key.replace(source, target)
    return re.sub(r"(.)\1+", r"\1", key)  # "Kiiv"/"Kyiv" and doubled letters collapse


@lru_cache(maxsize=65536)  # texts repeat their words: the rebuild calls this for every word of every item
def translit_word(word):
    """Phonetic key of one folded word, bridging Latin and Cyrillic spellings of a name; a town's
    name in any spelling GeoNames knows becomes the key of its main name (search.places)."""
    from .places import aliases

    key = spelling_key(word)
    towns = aliases(spelling_key)
    if key in towns:
        return towns[key]
    # Inflected names the lemmatiser does not know ("Charkovi", "у Харкові") → the town of the stem.
    # A word it knows keeps its key: its lemma is keyed too (search.analysis), and its stem may be a
    # town's by chance ("ludzi" is people, not Łódź).
    for ending in _CASE_ENDINGS:
        if key.endswith(ending) and key[: -len(ending)] in towns and not _known_word(word):
            return towns[key[: -len(ending)]]
    return key


def _known_word(word):
    """Whether the Polish or Ukrainian lemmatiser knows this folded word."""
    import simplemma

    return simplemma.is_known(word, lang="pl") or simplemma.is_known(word, lang="uk")


def translit(text):
    """Transliteration key of a text: folded, then one phonetic key per word."""
    return translit_folded(fold(text))


def translit_folded(folded):
    """Transliteration key of an already folded text."""
    return " ".join(translit_word(word) for word in _WORD.findall(folded))


def clean_query(raw):
    """A user's query made safe to hand to simple_query_string: bounded, no control characters."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    # Bidirectional overrides would make the echoed query display misleadingly.
    text = re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)
    return _SPACES.sub(" ", text).strip()[:MAX_QUERY_LENGTH]
