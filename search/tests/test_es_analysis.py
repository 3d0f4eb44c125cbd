"""The analysis components our index settings rely on, asserted against the real Elasticsearch.

Dev and CI run the integ-test-zip, which lacks the analysis-common module; the
razem-analysis plugin (search/es-plugin, installed by `scripts/services.sh install`)
registers the same components under the standard names. Production runs a full
distribution without the plugin. Every expectation here is the standard
behaviour, so this file must pass on both: it is the contract between them.
"""

import pytest
from elasticsearch import BadRequestError, Elasticsearch

KHARKIV = ["kharkiv, charkow, харків"]
# Ukrainian Cyrillic -> Latin transliteration (subset) for the mapping char filter.
TRANSLIT = ["х => kh", "а => a", "р => r", "к => k", "і => i", "в => v", "ї => yi", "ь => "]


@pytest.fixture
def es(elasticsearch_url):
    """A client on the test Elasticsearch (skips/fails like `elasticsearch_url`)."""
    client = Elasticsearch(elasticsearch_url, request_timeout=10)
    yield client
    client.close()


def tokens(es, **body):
    """Token texts produced by `_analyze` for an inline analysis chain."""
    return [t["token"] for t in es.indices.analyze(**body)["tokens"]]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # token filters
        ({"tokenizer": "standard", "filter": ["lowercase", "asciifolding"], "text": "Łódź żółć"}, ["lodz", "zolc"]),
        (
            {"tokenizer": "standard", "filter": ["lowercase", {"type": "asciifolding", "preserve_original": True}],
             "text": "Łódź"},
            ["lodz", "łódź"],
        ),
        (
            {"tokenizer": "standard", "filter": ["lowercase", {"type": "edge_ngram", "min_gram": 2, "max_gram": 5}],
             "text": "Kraków"},
            ["kr", "kra", "krak", "krakó"],
        ),
        (
            {"tokenizer": "standard", "filter": [{"type": "ngram", "min_gram": 2, "max_gram": 3}], "text": "abcd"},
            ["ab", "abc", "bc", "bcd", "cd"],
        ),
        ({"tokenizer": "standard", "filter": ["lowercase", {"type": "stemmer", "language": "english"}],
          "text": "refugees organisations"}, ["refuge", "organis"]),
        ({"tokenizer": "standard", "filter": ["lowercase", {"type": "stemmer", "language": "light_english"}],
          "text": "refugees"}, ["refugee"]),
        ({"tokenizer": "standard", "filter": [{"type": "stemmer", "language": "possessive_english"}],
          "text": "Ukraine's"}, ["Ukraine"]),
        ({"tokenizer": "standard", "filter": ["lowercase", "porter_stem"], "text": "Running"}, ["run"]),
        ({"tokenizer": "whitespace", "filter": ["unique"], "text": "a b a c b"}, ["a", "b", "c"]),
        ({"tokenizer": "keyword", "filter": ["trim", {"type": "truncate", "length": 5}], "text": "  Warszawa  "},
         ["Warsz"]),
        ({"tokenizer": "whitespace", "filter": ["word_delimiter_graph"], "text": "Wi-Fi PowerShot500"},
         ["Wi", "Fi", "Power", "Shot", "500"]),
        # char filters
        ({"tokenizer": "whitespace", "char_filter": [{"type": "mapping", "mappings": TRANSLIT}], "text": "харків"},
         ["kharkiv"]),
        ({"tokenizer": "standard", "char_filter": ["html_strip"], "text": "<p>Pomoc <b>prawna</b></p>"},
         ["Pomoc", "prawna"]),
        # tokenizers
        ({"tokenizer": "whitespace", "text": "Dom-Pomocy  24/7"}, ["Dom-Pomocy", "24/7"]),
        ({"tokenizer": "keyword", "text": "Dom Pomocy"}, ["Dom Pomocy"]),
        (
            {"tokenizer": {"type": "edge_ngram", "min_gram": 1, "max_gram": 3, "token_chars": ["letter"]},
             "text": "ab cd"},
            ["a", "ab", "c", "cd"],
        ),
        # language analyzer
        ({"analyzer": "english", "text": "The refugees are running"}, ["refuge", "run"]),
    ],
)
def test_component(es, body, expected):
    assert tokens(es, **body) == expected


@pytest.mark.parametrize("synonym_type", ["synonym_graph", "synonym"])
def test_synonyms_are_parsed_with_the_preceding_chain(es, synonym_type):
    """Rules pass through lowercase + asciifolding first, so "Charków" meets the rule's "charkow"."""
    chain = ["lowercase", "asciifolding", {"type": synonym_type, "synonyms": KHARKIV}]
    for text in ("Charków", "KHARKIV", "Харків"):
        assert sorted(tokens(es, tokenizer="standard", filter=chain, text=text)) == sorted(
            ["kharkiv", "charkow", "харків"]
        ), text


def test_synonym_lenient_skips_rules_the_chain_eliminates(es):
    """With a stop filter before it, "the" analyses to nothing: an error unless lenient."""
    rules = ["the, a => x", "pomoc, wsparcie"]
    strict = ["lowercase", "stop", {"type": "synonym_graph", "synonyms": rules}]
    with pytest.raises(BadRequestError):
        tokens(es, tokenizer="standard", filter=strict, text="pomoc")
    lenient = ["lowercase", "stop", {"type": "synonym_graph", "synonyms": rules, "lenient": True}]
    assert sorted(tokens(es, tokenizer="standard", filter=lenient, text="pomoc")) == ["pomoc", "wsparcie"]


def test_index_settings_with_the_components(es, settings):
    """The same index settings create an index (analyzers, normalizer) and match across spellings."""
    index = f"{settings.ELASTICSEARCH_INDEX_PREFIX}_analysis_plugin"
    es.options(ignore_status=404).indices.delete(index=index)
    es.indices.create(
        index=index,
        settings={
            "number_of_replicas": 0,
            "analysis": {
                "char_filter": {"translit": {"type": "mapping", "mappings": TRANSLIT}},
                "filter": {
                    "city_synonyms": {"type": "synonym_graph", "synonyms": KHARKIV},
                    "prefixes": {"type": "edge_ngram", "min_gram": 2, "max_gram": 10},
                },
                "analyzer": {
                    "names": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "city_synonyms"]},
                    "prefix": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "prefixes"]},
                    "latin": {"tokenizer": "whitespace", "char_filter": ["translit"], "filter": ["lowercase"]},
                },
                "normalizer": {"folded": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
            },
        },
        mappings={
            "properties": {
                "name": {
                    "type": "text",
                    "analyzer": "prefix",
                    "search_analyzer": "names",
                    "fields": {"latin": {"type": "text", "analyzer": "latin"}},
                },
                "city": {"type": "keyword", "normalizer": "folded"},
            }
        },
    )
    try:
        es.index(index=index, id="1", document={"name": "Kharkiv", "city": "Łódź"}, refresh=True)
        es.index(index=index, id="2", document={"name": "харків", "city": "Kraków"}, refresh=True)

        def ids(query):
            return sorted(h["_id"] for h in es.search(index=index, query=query)["hits"]["hits"])

        # folding + synonyms at search time reach both scripts
        assert ids({"match": {"name": "Charków"}}) == ["1", "2"]
        assert ids({"match": {"name": "khar"}}) == ["1"]  # edge n-grams at index time
        assert ids({"match": {"name.latin": "kharkiv"}}) == ["1", "2"]  # transliterated Cyrillic
        assert ids({"term": {"city": "LODZ"}}) == ["1"]  # normalizer
    finally:
        es.options(ignore_status=404).indices.delete(index=index)
