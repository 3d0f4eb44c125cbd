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

# Exonyms that no spelling rule can bridge (Polish, Ukrainian and English names of the
# same place), mapped to one canonical key after the rules below have run.
PLACE_ALIASES = {
    "harkov": "harkiv", "harkiv": "harkiv",
    "lvov": "lviv", "lvuv": "lviv", "lemberh": "lviv",
    "kiov": "kiiv", "kiev": "kiiv", "kiiv": "kiiv", "kiv": "kiiv",
    "odesa": "odesa", "odessa": "odesa",
    "dnipro": "dnipro", "dniepr": "dnipro",
    "zaporize": "zaporizia", "zaporizia": "zaporizia", "zaporoze": "zaporizia",
    "cernihov": "cernihiv", "cernihiv": "cernihiv", "hernihiv": "cernihiv",
    "mikolaiov": "mikolaiv", "mikolaiv": "mikolaiv", "nikolaiev": "mikolaiv",
    "herson": "herson",
    "rivne": "rivne", "rovne": "rivne",
    "ivano-frankivsk": "ivano-frankivsk", "iwano-frankivsk": "ivano-frankivsk",
    "vinnica": "vinnica", "vinnicia": "vinnica", "vinnitsa": "vinnica",
    "varsava": "varsava", "varsavie": "varsava",
    "zitomiez": "zitomir",
    "krakov": "krakiv", "krakiv": "krakiv",
    "lublin": "lublin", "liublin": "lublin",
    "vroclav": "vroclav", "breslau": "vroclav",
    "przemisl": "peremisl", "peremisl": "peremisl",
}

# Spelling rules from Polish, Ukrainian (after anyascii) and English romanisations
# to one phonetic key, longest first ("Charków" → "harkov", then PLACE_ALIASES → "harkiv").
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


@lru_cache(maxsize=65536)  # texts repeat their words: the rebuild calls this for every word of every item
def translit_word(word):
    """Phonetic key of one folded word, bridging Latin and Cyrillic spellings of a name."""
    key = word
    for source, target in _RULES:
        key = key.replace(source, target)
    key = re.sub(r"(.)\1+", r"\1", key)  # "Kiiv"/"Kyiv" and doubled letters collapse
    if key in PLACE_ALIASES:
        return PLACE_ALIASES[key]
    # Inflected names: "w Charkowie", "z Charkowa", "у Харкові" → the alias of the stem.
    for ending in _CASE_ENDINGS:
        if key.endswith(ending) and key[: -len(ending)] in PLACE_ALIASES:
            return PLACE_ALIASES[key[: -len(ending)]]
    return key


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
