"""The Elasticsearch index: analyzers per language and the one document type for all content.

Every content type (news, pages, organisations, resources, groups, meetings, needs and
offers) becomes a `ContentDocument`. Each translation fills its own language's fields
(`title_pl`, `body_uk`, …), analysed with that language's analyzer:

* Polish and Ukrainian: `hunspell` (pl_PL / uk_UA dictionaries in config/hunspell/) BEFORE
  `lowercase`: the dictionaries hold proper nouns capitalised, so lower-casing first
  loses "Charkowie" → "Charków", "Lwowie" → "Lwów", "Харкові" → "Харків" (checked with
  _analyze on 8.19).
* English: possessive and English stemmers.
* `asciifolding` after stemming so base forms typed without diacritics match.

The `translit_*` fields hold a phonetic key computed in Python (search.text.translit),
which bridges Cyrillic and Latin spellings of names and missing diacritics on any
Elasticsearch distribution; queries against them are fuzzy (typos).

Some filters (asciifolding, stemmer) live in Elasticsearch's analysis-common module,
absent from the bare integ-test-zip without our plugin: `analysis_settings` drops them
when the cluster does not know them, and the translit fields still cover diacritics.
"""

from django.conf import settings
from elasticsearch_dsl import Date, Document, Integer, Keyword, Text

LANGUAGES = ("pl", "uk", "en")
# Filters that need analysis-common (our es-plugin, or any full distribution).
COMMON_FILTERS = {"folding", "english_stemmer", "english_possessive"}

FILTERS = {
    "pl_hunspell": {"type": "hunspell", "locale": "pl_PL", "dedup": True},
    "uk_hunspell": {"type": "hunspell", "locale": "uk_UA", "dedup": True},
    "english_stemmer": {"type": "stemmer", "language": "english"},
    "english_possessive": {"type": "stemmer", "language": "possessive_english"},
    "folding": {"type": "asciifolding"},
}
ANALYZERS = {
    "razem_pl": ["pl_hunspell", "lowercase", "folding"],
    "razem_uk": ["uk_hunspell", "lowercase"],
    "razem_en": ["english_possessive", "lowercase", "english_stemmer", "folding"],
    # Text already folded/transliterated in Python: only split and lower-case.
    "razem_key": ["lowercase"],
    # Titles for autocomplete and "did you mean": words as written, lower-cased, folded.
    "razem_plain": ["lowercase", "folding"],
}


def analysis_settings(common=True):
    """The index's analysis settings; without analysis-common the filters it provides are left out."""
    used = set()
    analyzers = {}
    for name, filters in ANALYZERS.items():
        chain = [f for f in filters if common or f not in COMMON_FILTERS]
        used.update(f for f in chain if f in FILTERS)
        analyzers[name] = {"type": "custom", "tokenizer": "standard", "filter": chain}
    return {"filter": {name: FILTERS[name] for name in sorted(used)}, "analyzer": analyzers}


class ContentDocument(Document):
    """One searchable item (a page translation, an organisation, a resource, …)."""

    kind = Keyword()  # the registry's type name: "news", "page", "organisation", …
    object_id = Keyword()
    language = Keyword()  # languages this item has text in
    url = Keyword(index=False)
    title = Keyword(index=False)  # as displayed
    summary = Text(index=False)
    title_pl = Text(analyzer="razem_pl")
    title_uk = Text(analyzer="razem_uk")
    title_en = Text(analyzer="razem_en")
    summary_pl = Text(analyzer="razem_pl")
    summary_uk = Text(analyzer="razem_uk")
    summary_en = Text(analyzer="razem_en")
    body_pl = Text(analyzer="razem_pl")
    body_uk = Text(analyzer="razem_uk")
    body_en = Text(analyzer="razem_en")
    title_plain = Text(analyzer="razem_plain")
    spell = Text(analyzer="standard")  # words as written, for "did you mean"
    translit_title = Text(analyzer="razem_key")
    translit_text = Text(analyzer="razem_key")
    audience = Keyword()
    sector = Keyword()
    voivodeship = Keyword()
    target_group = Keyword()
    topic = Keyword()
    year = Integer()
    date = Date()

    @classmethod
    def from_entry(cls, entry):
        """Build the document of an `search.registry.Entry`."""
        return cls(meta={"id": entry.key}, **source(entry))


def source(entry):
    """The `_source` of an entry's document as a plain dict (what `ContentDocument.to_dict` gives,
    without building the document object: the rebuild calls this for every item)."""
    fields = {
        "kind": entry.kind, "object_id": str(entry.object_id), "language": sorted(entry.texts),
        "url": entry.url, "title": entry.title, "summary": entry.summary[:500],
        "title_plain": entry.all_titles, "spell": f"{entry.all_titles} {entry.summary}",
        "translit_title": entry.translit_title, "translit_text": entry.translit_text,
        "audience": sorted(entry.audience), "date": entry.date, "year": entry.date.year if entry.date else None,
    }
    for language, text in entry.texts.items():
        fields[f"title_{language}"] = text.get("title", "")
        fields[f"summary_{language}"] = text.get("summary", "")
        fields[f"body_{language}"] = text.get("body", "")
    for name, values in entry.facets.items():
        fields[name] = sorted(values)
    # Like to_dict(skip_empty=True): no None or [] values ("" stays: results read hit.summary).
    return {name: value for name, value in fields.items() if value is not None and value != []}


def alias_name():
    """The alias that searches read and live updates write (the current index behind it)."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_content"


def index_body(common=True):
    """Settings and mappings of a new content index."""
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "max_result_window": 10000,
            "analysis": analysis_settings(common),
        },
        "mappings": ContentDocument._doc_type.mapping.to_dict(),
    }
