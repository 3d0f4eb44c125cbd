"""Search benchmark: our API against the same Elasticsearch query sent raw, and the database fallback.

    . scripts/test-env.sh
    .venv/bin/python -m bench.search [--organisations 10000] [--resources 50000] [--rounds 5]
        [--rebuild-resources 45000 --rebuild-organisations 10000 --rebuild-items 5000] [--keep]

What it does, on a database and an index of its own (bench_razem_<checkout>, bench_<checkout>_content):
1. Generates the bench dataset as search entries (organisations and resources with
   pl/uk/en text, sectors, voivodeships, target groups, topics, audiences) and writes them
   through the rebuild's write path (database copy + Elasticsearch bulk): entries/s.
2. Inserts real library resources, organisations and needs/offers in bulk (the library
   and directory bench seeders: 45,000 + 10,000 + 5,000 = 60,000 documents by default)
   and times `search_index --rebuild` on them (adapters, database copy, new index, alias
   swap), into an empty database copy and again over it: documents/s.
3. Sends each query of QUERIES --rounds times through GET /api/v1/search (Django's test
   client: URL routing, permission tokens, DRF, serialisation) and, in the same run, the
   identical Elasticsearch request body straight to Elasticsearch; prints p50/p95 of each
   and p95(ours)/p95(raw). Then the same API calls on the database fallback.
Nothing is timed inside tests; this script only prints figures.
"""

import argparse
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

QUERIES = [
    "uchodźców", "uchodzcow", "pomoc prawna", "mieszkanie", "Kharkiv", "Charków", "Львів", "біженців",
    "edukacja dzieci", "wsparcie psychologiczne", "housing", "refugees", "kurs języka polskiego", "praca",
    "Warszawa", "Lublin", "zdrowie", "przemoc", "wolontariat", "integracja",
]
WORDS = {
    "pl": ("pomoc prawna uchodźców mieszkanie dzieci edukacja szkoła wsparcie psychologiczne praca zatrudnienie "
           "kurs języka polskiego integracja społeczna zdrowie lekarz przemoc ochrona wolontariat fundacja "
           "stowarzyszenie Warszawa Kraków Lublin Rzeszów Przemyśl Charków Lwów Kijów rodziny seniorzy kobiety").split(),
    "uk": ("правова допомога біженцям житло діти освіта школа психологічна підтримка робота працевлаштування "
           "курс польської мови інтеграція здоров'я лікар насильство захист волонтерство Харків Львів Київ "
           "Варшава родини літні жінки").split(),
    "en": ("legal aid refugees housing children education school psychological support work employment Polish "
           "language course integration health doctor violence protection volunteering Kharkiv Lviv Kyiv "
           "Warsaw families older women").split(),
}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def text(rng, language, n):
    return " ".join(rng.choice(WORDS[language]) for _ in range(n))


def generate(rng, kind, count, start):
    from home.models.taxonomy import SECTORS, TARGET_GROUPS, VOIVODESHIPS
    from search.registry import Entry

    import datetime

    for i in range(start, start + count):
        languages = rng.sample(["pl", "uk", "en"], rng.choice([1, 1, 2, 3]))
        title = text(rng, languages[0], 5).capitalize()
        texts = {code: {"title": title if code == languages[0] else text(rng, code, 5).capitalize(),
                        "summary": text(rng, code, 25), "body": text(rng, code, 150)} for code in languages}
        audience = {"public"} if rng.random() < 0.9 else {"login"}
        yield Entry(
            kind=kind, object_id=i, title=title, url=f"/pl/{kind}/{i}/", summary=texts[languages[0]]["summary"],
            texts=texts, date=datetime.date(2020 + rng.randrange(7), 1 + rng.randrange(12), 1),
            facets={"sector": {rng.choice(SECTORS)[0] for _ in range(2)},
                    "voivodeship": {rng.choice(VOIVODESHIPS)[0]},
                    "target_group": {rng.choice(TARGET_GROUPS)[0]},
                    "topic": {f"topic-{rng.randrange(40)}"} if kind == "resource" else set()},
            audience=audience,
        )


def load_dataset(organisations, resources, seed=1):
    """Write the generated entries through the rebuild's write path; returns entries/s."""
    from elasticsearch import helpers

    from search import indexing
    from search.client import get_client
    from search.documents import index_body

    client = get_client().options(request_timeout=120)
    name = indexing.new_index_name()
    body = index_body()
    body["settings"]["refresh_interval"] = "-1"
    client.indices.create(index=name, body=body)
    rng = random.Random(seed)
    started = time.perf_counter()
    total = 0
    for kind, count, start in (("organisation", organisations, 0), ("resource", resources, organisations)):
        batch = []
        for entry in generate(rng, kind, count, start):
            batch.append(entry)
            if len(batch) == 500:
                total += _write(batch, client, name, helpers, indexing)
                batch = []
        total += _write(batch, client, name, helpers, indexing)
    client.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}})
    client.indices.refresh(index=name)
    indexing.swap_alias(client, name)
    elapsed = time.perf_counter() - started
    return total, elapsed


def _write(batch, client, name, helpers, indexing):
    if not batch:
        return 0
    documents = indexing.store(batch, synced=True)
    helpers.bulk(client, ({"_id": key, "_source": document} for key, document in documents.items()),
                 index=name, chunk_size=500)
    return len(batch)


def seed_content(resources, organisations, items):
    """Real library resources, organisations and needs/offers, inserted in bulk by the library and
    directory bench seeders (kept in the bench database when --keep)."""
    from bench.directory_pages import seed as seed_directory
    from bench.library_pages import seed as seed_library

    seed_library(resources)
    seed_directory(organisations, items)


def time_rebuild(profile=None):
    """Time `search_index --rebuild`'s work (adapters, database copy, new index, alias swap).

    With `profile` (a file name) the rebuild runs under cProfile (slower: compare only profiled runs).
    """
    from search import indexing

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    _name, count = indexing.rebuild()
    seconds = time.perf_counter() - started
    if profiler is not None:
        import pstats

        profiler.disable()
        profiler.dump_stats(profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return count, seconds


def measure(queries, rounds, raw):
    """p50/p95 (ms) of our API and, when `raw`, of the identical raw Elasticsearch request."""
    from django.test import Client

    from search.client import get_client
    from search.documents import alias_name
    from search.engines import ElasticsearchEngine, SearchRequest

    client = Client()
    ours, direct = [], []
    es = get_client()
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            response = client.get("/api/v1/search", {"q": query})
            ours.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            if raw:
                # The very request our engine sends, built once outside the timing.
                body = ElasticsearchEngine(es).request_body(SearchRequest(text=query))
                started = time.perf_counter()
                es.search(index=alias_name(), body=body)  # same client and timeout as the engine
                direct.append((time.perf_counter() - started) * 1000)
    return ours, direct


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--resources", type=int, default=50_000)
    parser.add_argument("--rebuild-resources", type=int, default=45_000,
                        help="real library resource pages for the rebuild timing (0: no rebuild timing)")
    parser.add_argument("--rebuild-organisations", type=int, default=10_000)
    parser.add_argument("--rebuild-items", type=int, default=5_000, help="needs and offers")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the bench database and index")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the generated dataset a previous --keep run left before its rebuild step (skips step 1)")
    parser.add_argument("--rebuild-only", action="store_true",
                        help="only step 2 (seed real pages, time the rebuild twice): skips the generated dataset "
                             "and the query timings")
    parser.add_argument("--profile", metavar="FILE",
                        help="cProfile the rebuild into the empty database copy; stats written to FILE "
                             "(read with python -m pstats) and the top functions printed")
    args = parser.parse_args()

    import hashlib

    import django
    from django.conf import settings

    from cms.settings import base as _base  # noqa: F401  (BASE_DIR)

    # BENCH_CHECKOUT: use another checkout's kept bench database and index (--reuse).
    checkout = os.environ.get("BENCH_CHECKOUT") or hashlib.sha1(str(_base.BASE_DIR).encode()).hexdigest()[:8]
    os.environ.setdefault("TEST_DATABASE_NAME", f"bench_razem_{checkout}")
    django.setup()
    if not settings.ELASTICSEARCH_URL:
        sys.exit("Set ELASTICSEARCH_URL (. scripts/test-env.sh).")
    settings.ELASTICSEARCH_INDEX_PREFIX = os.environ.get("BENCH_INDEX_PREFIX", f"bench_{checkout}")
    settings.ALLOWED_HOSTS = ["*"]
    settings.SEARCH_API_RATES = {"search": None, "autocomplete": None}  # the bench is one very busy client
    # Time the engines, not the fallback: on a loaded machine a 2 s timeout would switch engines mid-run.
    settings.ELASTICSEARCH_TIMEOUT = 30
    settings.DEBUG = False

    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False, keepdb=True, serialized_aliases=())
    try:
        from search.client import get_client
        from search.models import SearchEntry

        from search.documents import alias_name

        print(f"dataset: {args.organisations} organisations + {args.resources} resources (generated entries)")
        reusable = (get_client().indices.exists_alias(name=alias_name())
                    and SearchEntry.objects.count() >= args.organisations + args.resources)
        if args.rebuild_only:
            pass
        elif args.reuse and reusable:
            print("reusing the kept dataset (--reuse)")
        else:
            SearchEntry.objects.all().delete()
            total, elapsed = load_dataset(args.organisations, args.resources)
            print(f"bulk write path (database copy + Elasticsearch): {total} entries in {elapsed:.1f} s = "
                  f"{total / elapsed:.0f} entries/s", flush=True)

        if not args.rebuild_only:
            measure_queries(args.rounds)

        if args.rebuild_resources:
            print("seeding real pages for the rebuild (bulk inserts, kept with --keep)…", flush=True)
            seed_content(args.rebuild_resources, args.rebuild_organisations, args.rebuild_items)
            SearchEntry.objects.all().delete()
            for label in ("into an empty database copy", "over the existing database copy"):
                profile = args.profile if label.startswith("into") else None
                count, seconds = time_rebuild(profile)
                print(f"rebuild from models (search_index --rebuild path), {label}: {count} documents in "
                      f"{seconds:.1f} s = {count / seconds:.0f} documents/s  (load average "
                      f"{' '.join(f'{n:.2f}' for n in os.getloadavg())})", flush=True)
    finally:
        if not args.keep:
            from search.documents import alias_name

            client = get_client()
            names = list(client.indices.get(index=f"{alias_name()}*", ignore_unavailable=True,
                                            allow_no_indices=True))
            if names:
                client.indices.delete(index=",".join(names))
            teardown_databases(old, verbosity=0, keepdb=False)


def measure_queries(rounds):
    """Step 3: the API against the raw Elasticsearch query, then on the database fallback."""
    from django.conf import settings

    ours, raw = measure(QUERIES, rounds, raw=True)
    p95_ours, p95_raw = percentile(ours, 95), percentile(raw, 95)
    print(f"search API (Elasticsearch): p50 {percentile(ours, 50):.1f} ms  p95 {p95_ours:.1f} ms  "
          f"({len(ours)} requests)")
    print(f"raw Elasticsearch query:    p50 {percentile(raw, 50):.1f} ms  p95 {p95_raw:.1f} ms")
    print(f"overhead ratio p95(ours)/p95(raw): {p95_ours / p95_raw:.2f}  (target < 1.5)", flush=True)

    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = ""
    db, _ = measure(QUERIES, max(1, rounds // 5), raw=False)
    settings.ELASTICSEARCH_URL = url
    print(f"search API (database fallback): p50 {percentile(db, 50):.1f} ms  p95 {percentile(db, 95):.1f} ms  "
          f"({len(db)} requests, mean {statistics.mean(db):.0f} ms)")


if __name__ == "__main__":
    main()
