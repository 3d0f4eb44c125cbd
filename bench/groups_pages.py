"""Time the working groups' pages: SQL queries and p50/p95 per page, uncached.

Run against a migrated database holding the demo content, e.g.:
    export DATABASE_URL=sqlite:////tmp/bench.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo_data
    .venv/bin/python bench/groups_pages.py --runs 50
Prints one line per page (anonymous visitor): status, queries, p50 and p95 in milliseconds.
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
    from django.test.utils import CaptureQueriesContext

    from groups.models import GroupIndexPage, MeetingIndexPage, MeetingPage, WorkingGroupPage

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    pages = {
        "groups index": GroupIndexPage.objects.live().first(),
        "working group": WorkingGroupPage.objects.live().filter(slug="edukacja").first(),
        "meeting": MeetingPage.objects.live().first(),
        "meetings index": MeetingIndexPage.objects.live().first(),
    }
    client = Client(HTTP_HOST="localhost")
    for name, page in pages.items():
        if page is None:
            print(f"{name:16} missing (load the demo data first)")
            continue
        url = page.url
        client.get(url)  # warm imports and template loading
        with CaptureQueriesContext(connection) as captured:
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
