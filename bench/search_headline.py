"""What SearchHeadline costs: the PostgreSQL engine's search with ts_headline snippets against the same
search with the Python highlighter (search.analysis.highlight), on the same rows.

    . scripts/test-env.sh
    .venv/bin/python -m bench.search_headline [--entries 5000] [--rounds 10] [--keep]

On a database of its own (bench_headline_<checkout>; kept with --keep), no Elasticsearch: stores
generated entries (bench.search.generate: pl/uk/en text, 150-word bodies) through indexing.store,
then runs each query of bench.search.QUERIES `--rounds` times on PostgresEngine, the two snippet
paths interleaved, 20 hits a page; prints p50/p95 of the whole search and of the snippets step
alone. Nothing is timed inside tests; this script only prints figures.
"""

import argparse
import hashlib
import os
import random
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the bench database for the next run")
    args = parser.parse_args()

    import django
    from django.conf import settings

    from cms.settings import base as _base

    checkout = hashlib.sha1(str(_base.BASE_DIR).encode()).hexdigest()[:8]
    os.environ.setdefault("TEST_DATABASE_NAME", f"bench_headline_{checkout}")
    django.setup()
    settings.ELASTICSEARCH_URL = ""  # the database engine only
    settings.DEBUG = False
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    if connection.vendor != "postgresql":
        sys.exit("SearchHeadline is PostgreSQL's: set DATABASE_URL (. scripts/test-env.sh).")
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False, keepdb=True, serialized_aliases=())
    try:
        run(args)
    finally:
        if not args.keep:
            teardown_databases(old, verbosity=0)


def run(args):
    from search import indexing
    from search.engines import SearchRequest
    from search.engines.postgres import PostgresEngine
    from search.models import SearchEntry

    from .search import QUERIES, generate, percentile

    if SearchEntry.objects.count() < args.entries:
        SearchEntry.objects.all().delete()
        started = time.perf_counter()
        entries = list(generate(random.Random(7), "resource", args.entries, 1))
        for start in range(0, len(entries), 500):
            indexing.store(entries[start:start + 500])
        print(f"stored {args.entries} entries in {time.perf_counter() - started:.1f} s")

    class PythonSnippets(PostgresEngine):
        """The same engine with search.analysis.highlight's snippets (the SQLite path)."""

        def snippets(self, rows, shown, terms):
            return {}

    class Timed(PostgresEngine):
        """ts_headline snippets, the snippets step timed apart."""

        spent = []

        def snippets(self, rows, shown, terms):
            started = time.perf_counter()
            try:
                return super().snippets(rows, shown, terms)
            finally:
                self.spent.append((time.perf_counter() - started) * 1000)

    headline, python = Timed(), PythonSnippets()
    times = {"headline": [], "python": []}
    for _round in range(args.rounds):
        for query in QUERIES:
            for name, engine in (("headline", headline), ("python", python)):
                request = SearchRequest(text=query, language="pl", audience={"public"})
                started = time.perf_counter()
                engine.search(request)
                times[name].append((time.perf_counter() - started) * 1000)
    load = os.getloadavg()[0]
    print(f"{len(QUERIES)} queries x {args.rounds} rounds, {SearchEntry.objects.count()} entries, load {load:.1f}")
    for name, values in times.items():
        print(f"search with {name} snippets: p50 {percentile(values, 50):.1f} ms, p95 {percentile(values, 95):.1f} ms")
    print(f"the SearchHeadline step alone (Python forms + one query): p50 {percentile(Timed.spent, 50):.1f} ms, "
          f"p95 {percentile(Timed.spent, 95):.1f} ms")


if __name__ == "__main__":
    main()
