"""Time the working groups' and community pages: SQL queries and p50/p95 per page, uncached.

Run against a migrated database holding the demo content, e.g.:
    export DATABASE_URL=sqlite:////tmp/bench.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo_data
    .venv/bin/python bench/groups_pages.py --runs 50
Prints one line per page (anonymous visitor): status, queries, p50 and p95 in milliseconds;
"plain page" is a standard page, i.e. what the shared frame costs by itself.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def main():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from django.urls import reverse
    from django.utils import translation

    from community.models import OrganisationUpdate
    from groups.models import GroupIndexPage, MeetingIndexPage, MeetingPage, WorkingGroupPage

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    from home.models import StandardPage

    pages = {
        "plain page": StandardPage.objects.live().filter(locale__language_code="pl").first(),  # the frame alone
        "groups index": GroupIndexPage.objects.live().first(),
        "working group": WorkingGroupPage.objects.live().filter(slug="edukacja").first(),
        "meeting": MeetingPage.objects.live().first(),
        "meetings index": MeetingIndexPage.objects.live().first(),
    }
    urls = {name: page.url if page else None for name, page in pages.items()}
    group, update = pages["working group"], OrganisationUpdate.objects.first()
    with translation.override("pl"):
        urls.update({
            "group documents": reverse("groups:documents", args=[group.pk]) if group else None,
            "updates feed": reverse("community:updates"),
            "update": reverse("community:update", args=[update.pk]) if update else None,
            "challenges": reverse("community:challenges"),
            "API groups": "/api/v1/groups",
            "API meetings": "/api/v1/meetings",
        })
    client = Client(HTTP_HOST="localhost")
    for name, url in urls.items():
        if url is None:
            print(f"{name:16} missing (load the demo data first)")
            continue
        client.get(url)  # warm imports and template loading
        # Count through an execute wrapper: each request's start clears connection.queries,
        # so CaptureQueriesContext around a test-client request reads zero.
        captured = []
        with connection.execute_wrapper(lambda execute, sql, *rest: captured.append(sql) or execute(sql, *rest)):
            status = client.get(url).status_code
        timings = []
        for _run in range(args.runs):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{name:16} {status} {len(captured):3d} queries  p50 {statistics.median(timings):6.1f} ms"
              f"  p95 {p95:6.1f} ms  ({url})")


if __name__ == "__main__":
    main()
