"""The analysis the content index relies on, asserted against the real Elasticsearch.

The index uses only components of Elasticsearch's server core (standard tokenizer,
lowercase, stop, hunspell with the pl_PL/uk_UA dictionaries); folding, transliteration and
lemmas are computed in Python (search.analysis). These `_analyze` calls are the contract
between the integ-test-zip of dev and CI and the full distribution of production: both
must answer them identically.
"""

import pytest
from elasticsearch import BadRequestError, Elasticsearch

from search.documents import content_index, index_body

CASES = [
    # Polish: hunspell before lowercase keeps proper nouns ("Charkowie" → "charków").
    ("razem_pl", "Charkowie pomocy prawnej", {"charków", "pomoc", "pomocy", "prawny"}),
    ("razem_pl", "uchodźcom", {"uchodźca"}),
    ("razem_uk", "Харкові допомогу", {"харків", "допомога"}),
    ("razem_en", "The refugees of Kyiv", {"refugees", "kyiv"}),
    ("razem_key", "harkiv uchodzca", {"harkiv", "uchodzca"}),
]


@pytest.fixture
def analysis_index(elasticsearch_url, settings):
    """A content index created from `index_body()`, deleted afterwards."""
    client = Elasticsearch(elasticsearch_url, request_timeout=30)
    name = f"{settings.ELASTICSEARCH_INDEX_PREFIX}_analysis_contract"
    client.options(ignore_status=404).indices.delete(index=name)
    client.indices.create(index=name, body=index_body())
    yield client, name
    client.options(ignore_status=404).indices.delete(index=name)
    client.close()


def test_index_analyzers(analysis_index):
    client, name = analysis_index
    failures = []
    for analyzer, text, expected in CASES:
        tokens = {t["token"] for t in client.indices.analyze(index=name, analyzer=analyzer, text=text)["tokens"]}
        if not expected <= tokens:
            failures.append((analyzer, text, tokens))
    assert failures == []


def test_index_body_is_declared_with_elasticsearch_dsl():
    body = index_body()
    analysis = body["settings"]["analysis"]
    assert set(analysis["analyzer"]) == {"razem_pl", "razem_uk", "razem_en", "razem_key"}
    assert analysis["filter"]["razem_pl_hunspell"] == {"type": "hunspell", "locale": "pl_PL", "dedup": True}
    assert body["mappings"]["properties"]["keys_title"]["analyzer"] == "razem_key"
    assert content_index("x")._name == "x"


def test_missing_analysis_fails_loudly(elasticsearch_url, settings):
    """An index whose hunspell dictionary is missing is refused, never created without it."""
    client = Elasticsearch(elasticsearch_url, request_timeout=30)
    name = f"{settings.ELASTICSEARCH_INDEX_PREFIX}_analysis_missing"
    body = index_body()
    body["settings"]["analysis"]["filter"]["razem_pl_hunspell"]["locale"] = "xx_XX"
    try:
        with pytest.raises(BadRequestError):
            client.indices.create(index=name, body=body)
        assert not client.indices.exists(index=name)
    finally:
        client.options(ignore_status=404).indices.delete(index=name)
        client.close()
