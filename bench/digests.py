"""Benchmark: a weekly digest for 10,000 subscribers over 2,000 new items, to the locmem mail backend.

Run:  . scripts/test-env.sh && .venv/bin/python -m bench.digests [--subscribers N] [--items N]

It builds a throw-away database (PostgreSQL from DATABASE_URL, test_razem_bench_<checkout>,
never the tests' one) and a throw-away Elasticsearch index of its own
(bench_digests_<checkout>_content, dropped afterwards; ELASTICSEARCH_URL is required), publishes
the items as real Wagtail pages (half Forum news, half library resources with sectors and
regions, a tenth in Ukrainian and English too), indexes them with the search app's rebuild (the
same path as `search_index --rebuild`), creates the subscribers with mixed languages, kinds,
sectors, regions and saved searches, then times `digests.delivery.plan_digest("weekly")` and
then every batch of `send_batch` in turn, as the worker runs them. Saved searches are answered
by Elasticsearch, as in production; the script counts which engine answered them and fails if
the database fallback had to. It prints the total time, messages sent, SQL queries per
subscriber and the peak memory (tracemalloc peak of Python allocations, and the process's max RSS).
"""

import argparse
import datetime
import os
import random
import resource
import sys
import time
import tracemalloc

# Saved searches of the subscribers who have one (a search-page query string each): words of the
# generated titles, a phrase, a word with a sector filter, a word no item contains.
SAVED_SEARCHES = ["q=mieszkania", "q=pomoc+prawna", "q=dzieci&sector=education", "q=szko%C5%82a",
                  "q=wolontariat+integracja", "q=nieistniejace"]


def setup_django():
    import hashlib
    from pathlib import Path

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    # A database of its own: the tests' one (same checkout) must survive a benchmark run beside them.
    checkout = hashlib.sha1(str(Path(__file__).resolve().parent.parent).encode()).hexdigest()[:8]
    os.environ.setdefault("TEST_DATABASE_NAME", f"test_razem_bench_{checkout}")
    import django
    from django.conf import settings

    django.setup()
    if not settings.ELASTICSEARCH_URL:
        sys.exit("Set ELASTICSEARCH_URL (. scripts/test-env.sh): saved searches are benched on Elasticsearch.")
    # An index of its own, like the database: neither the tests' index nor another bench's.
    settings.ELASTICSEARCH_INDEX_PREFIX = f"bench_digests_{checkout}"
    settings.ELASTICSEARCH_TIMEOUT = 30  # a loaded machine must not push a query to the fallback


def drop_index():
    """Delete this script's own indexes (by name: the alias's indexes, nothing else)."""
    from search.client import get_client
    from search.documents import alias_name

    client = get_client()
    names = list(client.indices.get(index=f"{alias_name()}_*", ignore_unavailable=True, allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


def build_index():
    """Index the published items as `search_index --rebuild` does; returns (entries, seconds)."""
    from search import indexing

    drop_index()  # a previous run killed before its clean-up
    started = time.perf_counter()
    _name, count = indexing.rebuild()
    return count, time.perf_counter() - started


class EngineCounter:
    """Counts which engine answers the saved searches (the database fallback must not)."""

    def __init__(self):
        from search.engines import DatabaseEngine, ElasticsearchEngine

        self.counts = {"elasticsearch": 0, "database": 0}
        self.originals = [(engine, engine.matching_keys) for engine in (ElasticsearchEngine, DatabaseEngine)]

    def __enter__(self):
        for engine, original in self.originals:
            def counted(engine_self, request, keys, _original=original):
                self.counts[engine_self.name] += 1
                return _original(engine_self, request, keys)
            engine.matching_keys = counted
        return self

    def __exit__(self, *exc):
        for engine, original in self.originals:
            engine.matching_keys = original


def build_items(count, when, rng):
    """Publish `count` pages dated inside the benchmark's week (quickly: no revisions)."""
    from wagtail.models import Locale, Site

    from home.models import NewsIndexPage, NewsPage, Sector, Voivodeship
    from library.models import LibraryIndexPage, ResourcePage

    home = Site.objects.get(is_default_site=True).root_page.specific
    news_index = home.add_child(instance=NewsIndexPage(title="Aktualności", slug="aktualnosci-bench"))
    library = home.add_child(instance=LibraryIndexPage(title="Biblioteka", slug="biblioteka-bench"))
    sectors, regions = list(Sector.objects.all()), list(Voivodeship.objects.all())
    locales = {code: Locale.objects.get(language_code=code) for code in ("uk", "en")}
    words = "mieszkania praca szkoła zdrowie pomoc prawna integracja wolontariat język dzieci".split()
    for index in range(count):
        title = f"{rng.choice(words).capitalize()} {rng.choice(words)} {index}"
        common = {"title": title, "slug": f"item-{index}", "live": True, "first_published_at": when,
                  "last_published_at": when}
        if index % 2:
            page = news_index.add_child(instance=NewsPage(introduction=f"Streszczenie {title}", **common))
        else:
            page = library.add_child(instance=ResourcePage(summary=f"Streszczenie {title}", resource_type="guide",
                                                           **common))
            page.sectors.set(rng.sample(sectors, 2))
            page.regions.set(rng.sample(regions, rng.choice([0, 1, 2])))
            page.save()
        if index % 10 == 0 and index % 2:
            # A tenth of the news is translated: bench the translation grouping as well.
            for code, locale in locales.items():
                translation = page.copy_for_translation(locale, copy_parents=True)
                translation.title = f"{title} [{code}]"
                translation.live, translation.first_published_at = True, when
                translation.save()


def build_subscribers(count, rng):
    from django.utils import timezone

    from digests.models import KINDS, Subscription
    from home.models import Sector, Voivodeship

    kinds = [code for code, _label in KINDS]
    confirmed = timezone.now() - datetime.timedelta(days=90)
    subscriptions = Subscription.objects.bulk_create([
        Subscription(email=f"bench{index}@example.org", status=Subscription.ACTIVE, confirmed_at=confirmed,
                     language=rng.choice(["pl", "pl", "uk", "en"]), frequency="weekly",
                     kinds=rng.sample(kinds, rng.randint(1, len(kinds))),
                     saved_search=SAVED_SEARCHES[index // 20 % len(SAVED_SEARCHES)] if index % 20 == 0 else "")
        for index in range(count)
    ], batch_size=2000)
    sector_ids = list(Sector.objects.values_list("pk", flat=True))
    region_ids = list(Voivodeship.objects.values_list("pk", flat=True))
    SectorLink, RegionLink = Subscription.sectors.through, Subscription.voivodeships.through
    SectorLink.objects.bulk_create([
        SectorLink(subscription_id=s.pk, sector_id=sector)
        for s in subscriptions for sector in rng.sample(sector_ids, rng.choice([0, 0, 1, 3]))
    ], batch_size=5000)
    RegionLink.objects.bulk_create([
        RegionLink(subscription_id=s.pk, voivodeship_id=region)
        for s in subscriptions for region in rng.sample(region_ids, rng.choice([0, 0, 1]))
    ], batch_size=5000)


class QueryCounter:
    """Counts SQL statements without keeping them (CaptureQueriesContext would hold 20,000 strings)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the digest run to FILE")
    args = parser.parse_args(argv)
    setup_django()

    from django.conf import settings
    from django.core import mail
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from django.utils import timezone

    from digests import delivery
    from digests.periods import last_complete_period

    # The test settings send mail to the locmem backend (mail.outbox), as the issue asks.
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=False, serialized_aliases=())
    try:
        rng = random.Random(args.seed)
        now = timezone.now()
        period = last_complete_period("weekly", now)
        started = time.perf_counter()
        build_items(args.items, period.start + datetime.timedelta(days=2), rng)
        build_subscribers(args.subscribers, rng)
        print(f"setup: {args.items} items, {args.subscribers} subscribers in {time.perf_counter() - started:.1f} s")
        entries, seconds = build_index()
        print(f"search index: {entries} entries in Elasticsearch ({settings.ELASTICSEARCH_INDEX_PREFIX}_content) "
              f"in {seconds:.1f} s")

        mail.outbox = []
        counter = QueryCounter()
        tracemalloc.start()
        started, cpu_started = time.perf_counter(), time.process_time()
        batch_times = []

        def run():
            # Plan, then run each batch as the worker would (django-q2's sync mode would add pickling
            # and its own timeout around each call; the batches are what a worker executes).
            _period, queued = delivery.plan_digest("weekly", now=now, send=False)
            for index in range(0, len(queued), delivery.BATCH_SIZE):
                batch_started = time.perf_counter()
                delivery.send_batch(queued[index:index + delivery.BATCH_SIZE], now=now)
                batch_times.append(time.perf_counter() - batch_started)
            return queued

        with connection.execute_wrapper(counter), EngineCounter() as engines:
            if args.profile:
                import cProfile

                profiler = cProfile.Profile()
                queued = profiler.runcall(run)
                profiler.dump_stats(args.profile)
            else:
                queued = run()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        sent = len(mail.outbox)
        max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"weekly digest {period.key}: {len(queued)} deliveries, {sent} e-mails sent "
              f"({len(queued) - sent} with nothing new)")
        print(f"total time: {elapsed:.1f} s wall ({elapsed / max(len(queued), 1) * 1000:.2f} ms per subscriber), "
              f"{cpu:.1f} s CPU of this process (the database works in its own)")
        print(f"batches of {delivery.BATCH_SIZE}: {len(batch_times)}, slowest {max(batch_times, default=0):.1f} s "
              f"(django-q2 task timeout: 300 s)")
        print(f"SQL queries: {counter.count} in all, {counter.count / max(len(queued), 1):.2f} per subscriber")
        print(f"peak memory: {peak / 2**20:.1f} MiB traced Python allocations, "
              f"{max_rss:.0f} MiB max RSS of the process (includes the setup and the outbox)")
        print(f"saved searches answered by Elasticsearch: {engines.counts['elasticsearch']} requests, "
              f"by the database fallback: {engines.counts['database']}")
        if engines.counts["database"] or not engines.counts["elasticsearch"]:
            print("FAILED: the saved searches were not answered by Elasticsearch", file=sys.stderr)
            return 1
    finally:
        teardown_databases(old_config, verbosity=0)
        drop_index()
    return 0


if __name__ == "__main__":
    sys.exit(main())
