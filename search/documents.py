"""The Elasticsearch index: its analysis and the one document type for all content.

Every content type (news, pages, organisations, resources, groups, meetings, needs and
offers) becomes a `ContentDocument`.

The analysis uses only what Elasticsearch's server core has, so the index is the same on
the integ-test-zip of dev and CI and on the full distribution of production, with no plugin:

* `keys_title`, `keys_tags`, `keys_text`: the match keys computed in Python
  (search.analysis: simplemma lemmas, folding, transliteration), the same keys the
  database engines match; only split and lower-cased here (`razem_key`).
* `title_pl`, `body_pl`, … : each translation's own text; Polish and Ukrainian through
  `hunspell` (pl_PL / uk_UA dictionaries in config/hunspell/) BEFORE `lowercase` (the
  dictionaries hold proper nouns capitalised: "Charkowie" → "Charków"), English through
  `stop` (_english_) and `lowercase`. A second opinion on inflection next to the keys.
* `translit_*`: the transliteration key of each word as written, for fuzzy (typo) matching.
* `snippet_pl`, … : what a hit's snippet is cut from, bounded (registry.SHOWN_TEXT characters of the
  summary and text: never a whole attachment), its offsets stored in the postings so the
  highlighter reads them instead of analysing the text again at query time.
* `title_folded`, `translit_title` index their prefixes (`index_prefixes`): autocomplete's last
  typed word is a term lookup, not a scan of every word that starts like it.

Creating the index fails (HTTP 400) when a component is missing, e.g. the hunspell
dictionaries: nothing is silently dropped. search/tests/test_es_analysis.py runs the
`_analyze` calls this analysis relies on.
"""

from django.conf import settings
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, Object, Text, analyzer, token_filter

LANGUAGES = ("pl", "uk", "en")

pl_hunspell = token_filter("razem_pl_hunspell", "hunspell", locale="pl_PL", dedup=True)
uk_hunspell = token_filter("razem_uk_hunspell", "hunspell", locale="uk_UA", dedup=True)
english_stop = token_filter("razem_en_stop", "stop", stopwords="_english_")

ANALYZERS = {
    "pl": analyzer("razem_pl", tokenizer="standard", filter=[pl_hunspell, "lowercase"]),
    "uk": analyzer("razem_uk", tokenizer="standard", filter=[uk_hunspell, "lowercase"]),
    "en": analyzer("razem_en", tokenizer="standard", filter=["lowercase", english_stop]),
}
# Autocomplete's typed prefixes: indexed up to 10 letters (longer ones are rare and still work, slower).
PREFIXES = {"min_chars": 1, "max_chars": 10}
# Text already lemmatised, folded or transliterated in Python: only split and lower-case.
razem_key = analyzer("razem_key", tokenizer="standard", filter=["lowercase"])


class ContentDocument(Document):
    """One searchable item (an organisation, a page and its translations, a resource, …)."""

    kind = Keyword()  # the registry's type name: "news", "page", "organisation", …
    object_id = Keyword()
    language = Keyword()  # languages this item has text in
    url = Keyword(index=False)
    title = Keyword(index=False)  # as displayed
    summary = Text(index=False)
    translations = Object(enabled=False)  # {language: {"title", "url", "summary"}}: shown, not searched
    title_pl = Text(analyzer=ANALYZERS["pl"])
    title_uk = Text(analyzer=ANALYZERS["uk"])
    title_en = Text(analyzer=ANALYZERS["en"])
    summary_pl = Text(analyzer=ANALYZERS["pl"])
    summary_uk = Text(analyzer=ANALYZERS["uk"])
    summary_en = Text(analyzer=ANALYZERS["en"])
    body_pl = Text(analyzer=ANALYZERS["pl"])
    body_uk = Text(analyzer=ANALYZERS["uk"])
    body_en = Text(analyzer=ANALYZERS["en"])
    keys_title = Text(analyzer=razem_key)
    keys_tags = Text(analyzer=razem_key)
    keys_text = Text(analyzer=razem_key)
    snippet_pl = Text(analyzer=ANALYZERS["pl"], index_options="offsets")
    snippet_uk = Text(analyzer=ANALYZERS["uk"], index_options="offsets")
    snippet_en = Text(analyzer=ANALYZERS["en"], index_options="offsets")
    title_folded = Text(analyzer=razem_key, index_prefixes=PREFIXES)  # folded titles, for autocomplete
    spell = Text(analyzer="standard")  # words as written, for "did you mean"
    translit_title = Text(analyzer=razem_key, index_prefixes=PREFIXES)
    translit_text = Text(analyzer=razem_key)
    audience = Keyword()
    path = Keyword()  # tree paths of the item's pages (registry.Entry.paths)
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
    from .registry import shown_text
    from .text import fold

    fields = {
        "kind": entry.kind, "object_id": str(entry.object_id), "language": list(entry.texts),
        "url": entry.url, "title": entry.title, "summary": entry.summary[:500],
        "translations": entry.translations,
        "keys_title": entry.title_keys, "keys_tags": entry.tag_keys, "keys_text": entry.body_keys,
        "title_folded": fold(entry.all_titles), "spell": f"{entry.all_titles} {entry.summary}",
        "translit_title": entry.translit_title, "translit_text": entry.translit_text,
        "audience": sorted(entry.audience), "path": list(entry.paths), "date": entry.date, "year": entry.date.year if entry.date else None,
    }
    for language, text in entry.texts.items():
        fields[f"title_{language}"] = text.get("title", "")
        fields[f"summary_{language}"] = text.get("summary", "")
        fields[f"body_{language}"] = text.get("body", "")
        fields[f"snippet_{language}"] = shown_text(text)
    for name, values in entry.facets.items():
        fields[name] = sorted(values)
    # Like to_dict(skip_empty=True): no None or [] values ("" stays: results read hit.summary).
    return {name: value for name, value in fields.items() if value is not None and value != []}


def alias_name():
    """The alias that searches read and live updates write (the current index behind it)."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_content"


def content_index(name):
    """The content index `name` with its settings, analysis and mapping (elasticsearch.dsl)."""
    index = Index(name)
    # Replica shards from the environment (docs/operations.md § 5.5): 1 on a multi-node cluster.
    index.settings(number_of_shards=1, number_of_replicas=settings.ELASTICSEARCH_NUMBER_OF_REPLICAS,
                   max_result_window=10000)
    index.document(ContentDocument)
    return index


def index_body():
    """Settings and mappings of a new content index."""
    return content_index("unused").to_dict()
