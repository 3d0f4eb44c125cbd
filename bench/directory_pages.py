"""Bench of the member directory (#3) and matching/coverage (#4): p50/p95 server time and SQL queries.

Run:  . scripts/test-env.sh && .venv/bin/python -m bench.directory_pages [--organisations 10000] [--items 20000]

It builds (once; kept between runs) a separate PostgreSQL database `bench_directory_<checkout>`
with the given number of live organisations (bulk-inserted pages with sectors, target groups,
languages, regions) and open needs and offers, then times uncached requests through Django's
test client (in process): the directory page with several filter combinations and page sizes,
an organisation profile, one item's suggested matches, the coverage page, the open data API.
Nothing here is a test; it prints figures.
"""

import argparse
import datetime
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

DIRECTORY_QUERIES = [
    {},
    {"per_page": "100"},
    {"sector": "housing"},
    {"region": "lubelskie", "sector": ["housing", "legal-aid"], "target_group": "children"},
    {"language": "uk", "legal_form": "foundation", "offers": "financial", "sort": "updated", "page": "5"},
    {"q": "fundacja 12", "region": "mazowieckie"},
]


def seed(total, items_total):
    """Insert `total` live organisations and `items_total` open needs/offers in bulk (skipped when there)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Page, Site

    from directory.factories import make_nip
    from directory.models import DirectoryIndexPage, OrganisationPage, SupportItem
    from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship

    home = Site.objects.get(is_default_site=True).root_page
    index = DirectoryIndexPage.objects.filter(slug="katalog-bench").first()
    if index is None:
        index = DirectoryIndexPage(title="Katalog (bench)", slug="katalog-bench", locale_id=home.locale_id)
        home.add_child(instance=index)
        index.save_revision().publish()
    rng = random.Random(42)
    sectors = list(Sector.objects.values_list("pk", flat=True))
    groups = list(TargetGroup.objects.values_list("pk", flat=True))
    languages = list(Language.objects.filter(code__in=["pl", "uk", "en", "ru", "be"]).values_list("pk", flat=True))
    voivodeships = list(Voivodeship.objects.values_list("pk", flat=True))
    support = list(SupportType.objects.values_list("pk", flat=True))
    forms = ["foundation", "association", "informal", "international", "business", "public", "other"]
    cities = ["Warszawa", "Kraków", "Lublin", "Rzeszów", "Gdańsk", "Wrocław", "Poznań", "Łódź", "Białystok"]
    content_type = ContentType.objects.get_for_model(OrganisationPage)
    now = datetime.datetime.now(datetime.UTC)
    existing = OrganisationPage.objects.child_of(index).count()
    for start in range(existing, total, 2000):
        size = min(2000, total - start)
        with transaction.atomic():
            pages = []
            for n in range(start, start + size):
                slug = f"org-bench-{n}"
                pages.append(Page(
                    title=f"Fundacja Pomocy {n}", draft_title=f"Fundacja Pomocy {n}", slug=slug,
                    path=index.path + _step(n + 1), depth=index.depth + 1, numchild=0,
                    url_path=f"{index.url_path}{slug}/", content_type=content_type, live=True,
                    has_unpublished_changes=False, first_published_at=now - datetime.timedelta(days=n % 900),
                    last_published_at=now - datetime.timedelta(days=n % 400),
                    locale_id=index.locale_id, translation_key=uuid.uuid4(),
                ))
            created = Page.objects.bulk_create(pages)
            rows = [
                (page.pk, rng.choice(forms), "", make_nip(500_000 + n), "", "", "", rng.choice(cities),
                 rng.choice(voivodeships), rng.random() < 0.1, "Pomagamy uchodźcom: prawo, mieszkanie, edukacja.",
                 "", "", "", None)
                for n, page in enumerate(created, start=start)
            ]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {OrganisationPage._meta.db_table} (page_ptr_id, legal_form, krs, nip, website, "
                    "email, phone, city, voivodeship_id, nationwide, description, contact_name, contact_email, "
                    "contact_phone, last_confirmed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                    "%s, %s)", rows)
            for field, pool, k in (("sectors", sectors, 2), ("target_groups", groups, 2), ("languages", languages, 2),
                                   ("regions_served", voivodeships, 2), ("support_offered", support, 1),
                                   ("support_needed", support, 1)):
                through = getattr(OrganisationPage, field).through
                column = getattr(OrganisationPage, field).field.m2m_reverse_field_name() + "_id"
                through.objects.bulk_create([through(organisationpage_id=p.pk, **{column: t}) for p in created
                                             for t in rng.sample(pool, k)])
        print(f"  seeded {start + size}/{total} organisations", flush=True)
    Page.objects.filter(pk=index.pk).update(numchild=OrganisationPage.objects.child_of(index).count())

    organisation_ids = list(OrganisationPage.objects.child_of(index).values_list("pk", flat=True))
    existing_items = SupportItem.objects.count()
    for start in range(existing_items, items_total, 5000):
        size = min(5000, items_total - start)
        with transaction.atomic():
            created = SupportItem.objects.bulk_create([
                SupportItem(kind=rng.choice(["need", "offer"]), organisation_id=rng.choice(organisation_ids),
                            support_type_id=rng.choice(support), title=f"Pozycja {n}", description="Opis",
                            nationwide=rng.random() < 0.1, locale_id=index.locale_id,
                            translation_key=uuid.uuid4(), created_at=now - datetime.timedelta(days=n % 300),
                            valid_until=(now + datetime.timedelta(days=60)).date())
                for n in range(start, start + size)
            ])
            for field, pool, k in (("sectors", sectors, 2), ("regions", voivodeships, 2),
                                   ("target_groups", groups, 1), ("languages", languages, 1)):
                through = getattr(SupportItem, field).through
                column = getattr(SupportItem, field).field.m2m_reverse_field_name() + "_id"
                through.objects.bulk_create([through(supportitem_id=i.pk, **{column: t}) for i in created
                                             for t in rng.sample(pool, k)])
        print(f"  seeded {start + size}/{items_total} needs and offers", flush=True)
    from directory.entries import rebuild_entries, rebuild_item_masks
    from directory.models import DirectoryEntry

    # The rows above were inserted in bulk, bypassing save(): fill the denormalised data the pages read.
    if DirectoryEntry.objects.count() != OrganisationPage.objects.child_of(index).count():
        print("  rebuilding directory entries…", flush=True)
        rebuild_entries()
    if SupportItem.objects.filter(sectors_mask=0).exists():
        print("  computing the masks of needs and offers…", flush=True)
        rebuild_item_masks()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return index


def frame_page(index):
    """An empty standard page: what the shared page frame (base.html, menu, footer, switcher) costs alone."""
    from home.models import StandardPage

    page = StandardPage.objects.filter(slug="bench-frame").first()
    if page is None:
        page = StandardPage(title="Bench frame", slug="bench-frame", locale_id=index.locale_id)
        index.get_parent().add_child(instance=page)
        page.save_revision().publish()
    return page


def timed(client, url, params, requests, cold=True):
    """(p50 ms, p95 ms, max queries) of `requests` requests (after one warm-up).

    cold: the directory's own caches are off (DIRECTORY_CACHE_TIMEOUT = 0), so facet counts,
    coverage layers and the matching pool are computed on every request (what the first visitor
    after a change pays); Wagtail's and Django's own caches stay as in production.
    """
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DIRECTORY_CACHE_TIMEOUT = 0 if cold else 3600
    client.get(url, params)
    times, cpu, queries = [], [], 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = max(queries, len(captured.captured_queries))
    times.sort()
    TIMED_CPU[url, str(params), cold] = statistics.median(cpu)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))], queries


# Median Python CPU time of the last timed() runs (ms): less sensitive than wall time to a loaded machine.
TIMED_CPU = {}


def member_rows(client, index, organisation, item, requests):
    """The pages a signed-in member of `organisation` sees (contact person, edit links, dashboard), cold."""
    from django.contrib.auth import get_user_model

    from directory.models import Membership

    user, _created = get_user_model().objects.get_or_create(
        email="bench-member@example.org", defaults={"username": "bench-member"})
    Membership.objects.get_or_create(organisation=organisation, user=user, defaults={"role": Membership.MANAGER})
    client.force_login(user)
    print("\nsigned in as a manager of the profiled organisation:")
    for label, url, params in [
        ("directory (member)", index.url, {}),
        ("organisation profile (member)", organisation.url, {}),
        ("item detail with suggestions (member)", f"/pl/needs-offers/{item.pk}/", {}),
        ("needs and offers listing (member)", "/pl/needs-offers/", {"kind": "offer", "sector": "housing"}),
        ("My organisation (member)", "/pl/organisations/mine/", {}),
    ]:
        p50, p95, queries = timed(client, url, params, requests)
        print(f"{label[:52]:52} {p50:9.1f} {p95:9.1f} {'':9} {'':9} {TIMED_CPU[url, str(params), True]:6.1f} "
              f"{queries:8d}", flush=True)
    client.logout()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    use_bench_database("directory")
    from django.conf import settings

    print(f"Seeding {args.organisations} organisations and {args.items} needs/offers (kept between runs)…")
    index = seed(args.organisations, args.items)

    import time as clock

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from directory.matching import suggestions
    from directory.models import OrganisationPage, SupportItem

    client = Client()
    frame = frame_page(index)
    rows = [(f"directory {params}", index.url, params) for params in DIRECTORY_QUERIES]
    organisation = OrganisationPage.objects.child_of(index).order_by("pk")[args.organisations // 2]
    item = SupportItem.objects.order_by("pk")[args.items // 2]
    rows += [
        ("organisation profile", organisation.url, {}),
        ("item detail with suggestions", f"/pl/needs-offers/{item.pk}/", {}),
        ("needs and offers listing", "/pl/needs-offers/", {"kind": "offer", "sector": "housing"}),
        ("coverage page", "/pl/coverage/", {}),
        ("coverage page, needs layer, filters", "/pl/coverage/", {"layer": "needs", "target_group": "children"}),
        ("API list", "/api/v1/organisations", {"sector": "housing", "page_size": "20"}),
    ]
    _p50, frame_p95, frame_queries = timed(client, frame.url, {}, args.requests)
    frame_cpu = TIMED_CPU[frame.url, "{}", True]
    print(f"\nload average before: {os.getloadavg()[0]:.1f}")
    print(f"shared page frame alone (empty standard page): p95 {frame_p95:.1f} ms, CPU p50 {frame_cpu:.1f} ms, "
          f"{frame_queries} queries")
    print("cold = the directory's caches off; warm = on; own = cold minus the frame (time and queries);\n"
          "cpu = median Python CPU time of a cold request (excludes PostgreSQL's own time)")
    print(f"\n{'page':52} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9} {'cpu':>6} {'queries':>8}"
          f" {'own p95':>8} {'own q':>6}")
    for label, url, params in rows:
        p50, p95, queries = timed(client, url, params, args.requests)
        warm50, warm95, _wq = timed(client, url, params, args.requests, cold=False)
        framed = not url.startswith("/api/")
        own95 = p95 - frame_p95 if framed else p95
        own_queries = queries - frame_queries if framed else queries
        cpu = TIMED_CPU[url, str(params), True]
        print(f"{label[:52]:52} {p50:9.1f} {p95:9.1f} {warm50:9.1f} {warm95:9.1f} {cpu:6.1f} {queries:8d} "
              f"{own95:8.1f} {own_queries:6d}", flush=True)
    member_rows(client, index, organisation, item, args.requests)
    print(f"load average after: {os.getloadavg()[0]:.1f}")

    settings.DIRECTORY_CACHE_TIMEOUT = 0
    times, queries = [], 0
    for _ in range(args.requests):
        fresh = SupportItem.objects.get(pk=item.pk)
        with CaptureQueriesContext(connection) as captured:
            start = clock.perf_counter()
            suggestions(fresh)
            times.append((clock.perf_counter() - start) * 1000)
        queries = max(queries, len(captured.captured_queries))
    times.sort()
    print(f"{'suggestions(item) alone, cold':56} {statistics.median(times):9.1f} "
          f"{times[min(len(times) - 1, int(len(times) * 0.95))]:9.1f} {'':9} {queries:8d}")


if __name__ == "__main__":
    main()
