"""Bench of the knowledge library: listing p50/p95 and SQL queries on 50,000 resources, and
text-extraction throughput (pages per second).

Run:  . scripts/test-env.sh && .venv/bin/python -m bench.library_pages [--resources 50000] [--requests 60]

It builds (once; kept between runs) a separate PostgreSQL database `bench_library_<checkout>`
with the given number of live resources inserted in bulk, then requests the library
listing (several filter combinations) and a resource page through Django's test client,
first with the frame's cache off (every frame part and the facet form rendered), then on,
and asserts that no page needs more than 20 SQL queries. `run(report)` does the same
inside `python -m bench.run` (50,000 × BENCH_SCALE resources).
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import use_bench_database  # noqa: E402
from bench.dataset import _step  # noqa: E402 — one materialised-path step for every bench
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

QUERY_SETS = [
    {},
    {"type": "guide"},
    {"sector": "housing", "year": "2025"},
    {"topic": "temat-3", "language": "uk", "sort": "title"},
    {"target": ["children", "women"], "type": ["report", "guide"], "page": "3"},
]


def seed(total):
    """Insert `total` live resources under one library in bulk (skipped when already there)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Page, Site

    from home.models import Language, Sector, TargetGroup
    from library.models import LibraryIndexPage, ResourcePage, TaggedResource, Topic

    home = Site.objects.get(is_default_site=True).root_page
    library = LibraryIndexPage.objects.filter(slug="biblioteka-bench").first()
    if library is None:
        library = LibraryIndexPage(title="Biblioteka (bench)", slug="biblioteka-bench", locale_id=home.locale_id)
        home.add_child(instance=library)
        library.save_revision().publish()
    existing = ResourcePage.objects.child_of(library).count()
    if existing >= total:
        return library
    rng = random.Random(42)
    content_type = ContentType.objects.get_for_model(ResourcePage)
    sectors = list(Sector.objects.values_list("pk", flat=True))
    targets = list(TargetGroup.objects.values_list("pk", flat=True))
    languages = list(Language.objects.filter(code__in=["pl", "uk", "en", "ru"]).values_list("pk", flat=True))
    topics = [Topic.objects.get_or_create(slug=f"temat-{n}", defaults={"name": f"Temat {n}"})[0].pk
              for n in range(60)]
    types = ["good-practice", "guide", "report", "training", "communication", "template", "policy", "dataset"]
    now = datetime.datetime.now(datetime.UTC)
    batch = 5000
    for start in range(existing, total, batch):
        size = min(batch, total - start)
        with transaction.atomic():
            pages = []
            for n in range(start, start + size):
                slug = f"zasob-{n}"
                pages.append(Page(
                    title=f"Zasób {n}: poradnik dla organizacji", draft_title=f"Zasób {n}", slug=slug,
                    path=library.path + _step(n + 1), depth=library.depth + 1, numchild=0,
                    url_path=f"{library.url_path}{slug}/", content_type=content_type, live=True,
                    has_unpublished_changes=False, first_published_at=now, last_published_at=now,
                    locale_id=library.locale_id, translation_key=uuid.uuid4(),
                ))
            created = Page.objects.bulk_create(pages)
            rows = []
            for page in created:
                date = datetime.date(2019 + rng.randrange(8), rng.randrange(1, 13), rng.randrange(1, 28))
                rows.append((page.pk, rng.choice(types), "Streszczenie zasobu o pomocy prawnej i mieszkaniowej.",
                             "[]", date, "cc-by", "", "", "", ))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {ResourcePage._meta.db_table} (page_ptr_id, resource_type, summary, body, "
                    "publication_date, licence, attachment_text, publisher_name, authors) "
                    "VALUES (%s, %s, %s, %s::jsonb, %s, %s, %s, %s, %s)", rows)
            through = ResourcePage.sectors.through
            through.objects.bulk_create([through(resourcepage_id=p.pk, sector_id=s) for p in created
                                         for s in rng.sample(sectors, 2)])
            through = ResourcePage.target_groups.through
            through.objects.bulk_create([through(resourcepage_id=p.pk, targetgroup_id=t) for p in created
                                         for t in rng.sample(targets, 2)])
            through = ResourcePage.languages.through
            through.objects.bulk_create([through(resourcepage_id=p.pk, language_id=rng.choice(languages))
                                         for p in created])
            TaggedResource.objects.bulk_create([TaggedResource(content_object_id=p.pk, tag_id=t) for p in created
                                                for t in rng.sample(topics, 3)])
        print(f"  seeded {start + size}/{total} resources", flush=True)
    Page.objects.filter(pk=library.pk).update(numchild=ResourcePage.objects.child_of(library).count())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return library


def _timed(client, url, params, requests):
    """(cold ms, sorted warm times in ms, max queries, last response) of `requests` + 1 GETs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], set()
    for _ in range(requests + 1):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, params, response.status_code)
        queries.add(len(captured.captured_queries))
    return times[0], sorted(times[1:]), max(queries), response


def _p95(times):
    return times[min(len(times) - 1, int(len(times) * 0.95))]


def bench_listing(library, requests, frame_cache=True):
    """Time listing requests; returns rows of (params, cold ms, p50 ms, p95 ms, queries, matches).

    The first request of each filter combination computes the facet counts (cold); the
    others find them in the cache, as readers do until the next publication. With
    `frame_cache` False the frame's parts and the facet form are rendered on every request.
    """
    from django.test import Client, override_settings

    from library.listing import invalidate_facets

    client = Client()
    url = library.url
    client.get(url)  # warm the process (templates, URL resolvers)
    invalidate_facets()
    results = []
    with override_settings(FRAME_CACHE=frame_cache):
        for params in QUERY_SETS:
            cold, times, queries, response = _timed(client, url, params, requests)
            results.append((params, cold, statistics.median(times), _p95(times), queries,
                            response.context["resources"].paginator.count))
    return results


def bench_detail(library, requests, frame_cache=True):
    """(cold ms, p50 ms, p95 ms, queries) of a resource page (related resources, terms, files)."""
    from django.test import Client, override_settings

    from library.models import ResourcePage

    page = ResourcePage.objects.child_of(library).live().order_by("-pk").first()
    with override_settings(FRAME_CACHE=frame_cache):
        cold, times, queries, _response = _timed(Client(), page.url, {}, requests)
    return cold, statistics.median(times), _p95(times), queries


def run(report):
    """Part of `python -m bench.run`: listing and resource page, frame uncached and cached.

    Seeds 50,000 × BENCH_SCALE resources in the bench database first (skipped when present).
    """
    from django.test import Client, override_settings

    from library.models import ResourcePage

    library = seed(max(100, int(50_000 * float(os.environ.get("BENCH_SCALE", "1")))))
    client = Client()
    page = ResourcePage.objects.child_of(library).live().order_by("-pk").first()

    def get(url, params=None):
        def call():
            assert client.get(url, params or {}).status_code == 200

        return call

    for cached, label in ((False, "uncached"), (True, "fragment cache")):
        with override_settings(FRAME_CACHE=cached):
            for params in (QUERY_SETS[0], QUERY_SETS[3]):
                report.measure(f"library listing {params or '(no filter)'} ({label})", get(library.url, params),
                               repeat=30)
            report.measure(f"library resource page ({label})", get(page.url), repeat=30)


def bench_extraction():
    """Pages per second of text extraction per format on generated files."""
    from library.demo_files import docx_bytes, odt_bytes, pdf_bytes, pptx_bytes
    from library.extraction import extract_text

    line = "Umowa najmu okazjonalnego wymaga oświadczenia notarialnego. Договір оренди житла."
    files = {
        "pdf": pdf_bytes([line] * 30, pages=40),
        "docx": docx_bytes([line] * 400),
        "odt": odt_bytes([line] * 400),
        "pptx": pptx_bytes([line] * 40),
    }
    rows = []
    for kind, content in files.items():
        start, pages, runs = time.perf_counter(), 0, 0
        while time.perf_counter() - start < 2 or runs < 3:
            _text, n, _truncated = extract_text(io.BytesIO(content), kind)
            pages, runs = pages + n, runs + 1
        elapsed = time.perf_counter() - start
        rows.append((kind, len(content), pages / elapsed, runs / elapsed))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--max-queries", type=int, default=20)
    args = parser.parse_args()
    use_bench_database("library")
    print(f"Seeding {args.resources} resources (kept between runs)…", flush=True)
    library = seed(args.resources)
    worst = 0
    for frame_cache, label in ((False, "frame uncached"), (True, "frame and facet form cached")):
        print(f"\nLibrary listing, {args.requests} requests each, {label} (Django test client, in process):")
        print(f"{'filters':58} {'matches':>8} {'cold ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for params, cold, p50, p95, queries, matches in bench_listing(library, args.requests, frame_cache):
            worst = max(worst, queries)
            print(f"{str(params or '(none)'):58} {matches:8d} {cold:8.1f} {p50:8.1f} {p95:8.1f} {queries:8d}")
        cold, p50, p95, queries = bench_detail(library, args.requests, frame_cache)
        worst = max(worst, queries)
        print(f"{'resource page':58} {'':8} {cold:8.1f} {p50:8.1f} {p95:8.1f} {queries:8d}")
    assert worst <= args.max_queries, f"a library page used {worst} queries (> {args.max_queries})"
    print("\nText extraction (one process, generated files):")
    print(f"{'format':8} {'bytes':>9} {'pages/s':>9} {'files/s':>9}")
    for kind, size, pages_per_s, files_per_s in bench_extraction():
        print(f"{kind:8} {size:9d} {pages_per_s:9.1f} {files_per_s:9.2f}")


if __name__ == "__main__":
    main()
