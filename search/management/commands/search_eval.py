"""manage.py search_eval QUERIES.json ORGANISATIONS.csv: relevance per engine, side by side.

Each database (PostgreSQL from DATABASE_URL, and SQLite in a child process) is a fresh test
database: the organisations are imported and published, the index rebuilt, and every
query run on Elasticsearch (when ELASTICSEARCH_URL is set, on a throw-away index prefix),
PostgreSQL and SQLite. Prints recall@10, MRR and the number of top-10 lists showing an item
twice, overall and per language and category; exits 1 when a figure is below its target.
"""

import json
import os
import subprocess
import sys

from django.core.management.base import BaseCommand, CommandError

from search.evaluation import TARGETS, below_targets, evaluate, load_queries


class Command(BaseCommand):
    help = "Import organisations into fresh databases, index them, and score a query set on every engine."

    def add_arguments(self, parser):
        parser.add_argument("queries", help="JSON list of {query, language, category, expected, filters}")
        parser.add_argument("organisations", help="CSV in the organisation import format (DOMAIN.md)")
        parser.add_argument("--here", action="store_true",
                            help="Only the engines of this process's settings; print JSON (used for SQLite).")
        parser.add_argument("--misses", action="store_true", help="Also list the queries that missed.")

    def handle(self, queries, organisations, here=False, misses=False, **options):
        try:
            query_set = load_queries(queries)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {queries}: {error}") from error
        results = self.run_here(query_set, organisations)
        if here:
            self.stdout.write(json.dumps(results))
            return
        if "sqlite" not in results:
            results.update(self.run_sqlite(queries, organisations))
        self.print_table(results, misses)
        problems = [problem for name, figures in results.items() for problem in below_targets(name, figures)]
        for problem in problems:
            self.stderr.write(f"BELOW TARGET: {problem}")
        if problems:
            sys.exit(1)

    def run_here(self, query_set, organisations):
        """Figures of this process's engines on a fresh test database (and index prefix)."""
        from django.conf import settings
        from django.db import connection

        from search.client import get_client
        from search.evaluation import engines_here, import_and_index

        settings.ELASTICSEARCH_TIMEOUT = 30
        settings.ELASTICSEARCH_INDEX_PREFIX = f"eval_{os.getpid()}"
        get_client.cache_clear()
        old_name = connection.settings_dict["NAME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = (
            "" if connection.vendor == "sqlite" else f"test_search_eval_{os.getpid()}")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            import_and_index(organisations)
            return {name: evaluate(engine, query_set) for name, engine in engines_here().items()}
        finally:
            client = get_client()
            if client is not None:
                from search.indexing import drop_indexes

                drop_indexes(client)
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def run_sqlite(self, queries, organisations):
        """SQLite's figures from a child process without DATABASE_URL or Elasticsearch."""
        env = {key: value for key, value in os.environ.items()
               if key not in ("DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL")}
        env["DJANGO_SETTINGS_MODULE"] = os.environ.get("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
        command = [sys.executable, "manage.py", "search_eval", queries, organisations, "--here"]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise CommandError(f"SQLite evaluation failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def print_table(self, results, misses):
        names = [name for name in ("elasticsearch", "postgresql", "sqlite") if name in results]
        rows = sorted({key for figures in results.values() for key in figures if key != "all"},
                      key=lambda key: (["pl", "uk", "en"].index(key[:2]) if key[:2] in ("pl", "uk", "en") else 9, key))
        self.stdout.write(f"{'':24}" + "".join(f"{name:>32}" for name in names))
        self.stdout.write(f"{'':24}" + "".join(f"{'recall@10   MRR   dup   n':>32}" for _ in names))
        for key in ["all", *rows]:
            label = "ALL" if key == "all" else key
            cells = []
            for name in names:
                figures = results[name].get(key)
                if figures is None:
                    cells.append(f"{'-':>32}")
                    continue
                cells.append(f"{figures['recall']:>17.3f}{figures['mrr']:>7.3f}{figures['duplicates']:>5}"
                             f"{figures['queries']:>4}")
            self.stdout.write(f"{label:24}" + "".join(cells))
        self.stdout.write("targets: " + ", ".join(
            f"{name} " + " ".join(f"{k}>={v}" for k, v in TARGETS[name].items()) for name in names) + ", 0 duplicates")
        if misses:
            for name in names:
                for miss in results[name]["all"]["misses"]:
                    self.stdout.write(f"{name} miss: {miss}")
