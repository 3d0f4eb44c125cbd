"""Relevance evaluation: a query set with expected titles, scored per engine.

Used by `manage.py search_eval QUERIES.json ORGANISATIONS.csv` (all engines side by side,
`make bench`) and by search/tests/test_evaluation.py (fails below the targets).

QUERIES.json is a list of {"query", "language" (the reader's: pl/uk/en), "category",
"expected": [titles], "filters": {facet: [codes]}}. ORGANISATIONS.csv is in the import
format of DOMAIN.md. Figures: recall@10 (share of expected titles in the first ten hits,
averaged over queries), MRR (1 / rank of the first expected hit, 0 when none is in the
first ten) and duplicates (top-ten lists showing an item twice: two hits that are one page
and its translations, or the same entry).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

from .engines import SearchRequest

TOP = 10
TARGETS = {"elasticsearch": {"recall": 0.95, "mrr": 0.85}, "postgresql": {"recall": 0.90},
           "sqlite": {"recall": 0.90}}


@dataclass
class Figures:
    """recall@10, MRR and duplicate lists over a number of queries."""

    queries: int = 0
    recall_sum: float = 0.0
    rr_sum: float = 0.0
    duplicates: int = 0
    misses: list = field(default_factory=list)  # (query, expected titles not in the top ten, top titles)

    @property
    def recall(self):
        return self.recall_sum / self.queries if self.queries else 0.0

    @property
    def mrr(self):
        return self.rr_sum / self.queries if self.queries else 0.0

    def add(self, query, expected, hits, duplicate):
        titles = [hit.title for hit in hits[:TOP]]
        found = [title for title in expected if title in titles]
        self.queries += 1
        self.recall_sum += len(found) / len(expected)
        ranks = [titles.index(title) + 1 for title in found]
        self.rr_sum += 1 / min(ranks) if ranks else 0.0
        self.duplicates += int(duplicate)
        if len(found) < len(expected):
            self.misses.append((query, [t for t in expected if t not in found], titles[:5]))

    def as_dict(self):
        return {"queries": self.queries, "recall": round(self.recall, 4), "mrr": round(self.mrr, 4),
                "duplicates": self.duplicates, "misses": self.misses}


def load_queries(path):
    with open(path, encoding="utf-8") as handle:
        queries = json.load(handle)
    for number, query in enumerate(queries, 1):
        missing = {"query", "language", "category", "expected"} - set(query)
        if missing or not query["expected"]:
            raise ValueError(f"query {number}: missing {', '.join(sorted(missing)) or 'expected titles'}")
    return queries


def item_of(hit):
    """What makes two hits the same item: a page and its translations share a translation key."""
    from .registry import get_adapter

    adapter = get_adapter(hit.kind)
    model = adapter.get_model() if adapter else None
    if model is not None and hasattr(model, "translation_key"):
        key = model._base_manager.filter(pk=hit.object_id).values_list("translation_key", flat=True).first()
        if key is not None:
            return (hit.kind, str(key))
    return (hit.kind, hit.object_id)


def evaluate(engine, queries):
    """{"all": {figures}, "pl multiword": {figures}, …} of `engine` (an Engine) on `queries`
    (figures: Figures.as_dict())."""
    figures = defaultdict(Figures)
    for query in queries:
        request = SearchRequest(text=query["query"], filters=query.get("filters", {}), language=query["language"],
                                audience={"public"}, page_size=TOP)
        hits = engine.search(request).hits
        items = [item_of(hit) for hit in hits]
        duplicate = len(set(items)) < len(items)
        for key in ("all", f"{query['language']} {query['category']}"):
            figures[key].add(query["query"], query["expected"], hits, duplicate)
    return {key: value.as_dict() for key, value in figures.items()}


def import_and_index(csv_path):
    """Load the items of `csv_path` with the loader their app registered (the directory's
    organisations: search.registry.register_evaluation_corpus), then rebuild the search index."""
    from . import indexing, tasks
    from .registry import evaluation_corpus
    from .skeleton import ensure_synonyms

    ensure_synonyms()  # the starter synonyms setup_site gives a new site
    with tasks.paused():  # the rebuild below indexes everything once
        result = evaluation_corpus()(csv_path)
    if result.errors:
        raise ValueError("; ".join(str(error) for error in result.errors))
    indexing.rebuild()
    return result


def engines_here():
    """{name: engine} of the engines this process can evaluate: Elasticsearch when configured,
    and the database engine of the default connection."""
    from django.db import connection

    from .client import get_client
    from .engines import ElasticsearchEngine, database_engine

    engines = {}
    client = get_client()
    if client is not None:
        engines["elasticsearch"] = ElasticsearchEngine(client)
    engines["postgresql" if connection.vendor == "postgresql" else "sqlite"] = database_engine()
    return engines


def below_targets(name, figures):
    """Messages for each overall figure (`figures["all"]`) below its target (empty: all met)."""
    overall = figures["all"]
    targets = TARGETS.get(name, {})
    problems = []
    if overall["recall"] < targets.get("recall", 0):
        problems.append(f"{name}: recall@10 {overall['recall']:.3f} < {targets['recall']}")
    if overall["mrr"] < targets.get("mrr", 0):
        problems.append(f"{name}: MRR {overall['mrr']:.3f} < {targets['mrr']}")
    if overall["duplicates"]:
        problems.append(f"{name}: {overall['duplicates']} top-10 lists with an item twice")
    return problems
