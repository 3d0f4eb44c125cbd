"""#17 "close the class": the demo site crawled as an anonymous visitor, a member and a coordinator
in pl, uk and en, with hostile values in every GET form and API parameter. Zero server errors.

Runs in both configurations: the main run (PostgreSQL + Elasticsearch, cms.settings.test) and the
embedded default `make run` uses (SQLite, database search, ORM broker: cms.settings.test_embedded,
the second pytest invocation of `make test`). Every URL pattern of the project's resolver is
requested (followed from links, else filled in: ids 1 and one beyond 64 bits); a pattern the crawl
could not reach fails the test, as does any 5xx. The size and time of the crawl are printed.
"""

import io
import time

import pytest
from django.core.management import call_command
from django.test import Client

from .crawl import HOSTILE_VALUES, HUGE_ID, Crawl, pattern_routes, sample_path

pytestmark = pytest.mark.django_db

# Patterns the crawl does not request, with the reason (anything else not reached fails the test).
EXEMPT_PREFIXES = {
    "admin/": "the Wagtail admin: staff only, exercised by Wagtail's own tests and the admin tests of each app",
    "django-admin/": "Django's admin: superusers only",
}
ROLES = {
    "anonymous": None,
    "member": "demo@forum-razem.pl",  # manages two organisations, belongs to a third (directory/demo.py)
    "coordinator": "koordynacja.edukacja@example.org",  # coordinates the education group (groups/demo.py)
}


def _api_requests(crawl):
    """Every GET operation of the OpenAPI schema: plain, with each hostile value in all of its query
    parameters, and detail operations with listed ids, 0 and an id beyond 64 bits."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    listed_ids = {}
    for path, operations in sorted(schema["paths"].items()):
        operation = operations.get("get")
        if operation is None:
            continue
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        if "{" not in path:
            response = crawl.get(path)
            if response.status_code == 200 and "json" in response.get("Content-Type", ""):
                body = response.json()
                rows = body.get("results", []) if isinstance(body, dict) else []
                listed_ids[path] = [row["id"] for row in rows[:2] if isinstance(row, dict) and "id" in row]
            for value in HOSTILE_VALUES.values():
                crawl.get(path, **{name: value for name in names})
            if names:
                crawl.get(path + "?" + "&".join(f"{name}=1&{name}=x" for name in names))
        else:
            base = path.split("/{")[0]
            for pk in [*listed_ids.get(base, []), 0, HUGE_ID]:
                crawl.get(path.replace(path[path.index("{"):path.index("}") + 1], str(pk)))


def test_the_demo_site_answers_every_pattern_in_every_role_and_language_without_a_server_error(
        settings, tmp_path, capsys):
    from django.contrib.auth import get_user_model

    settings.MEDIA_ROOT = tmp_path / "media"
    # The crawl sends hundreds of searches: the per-client search budget is not what it tests.
    settings.SEARCH_API_RATES = {"search": "100000/min", "autocomplete": "100000/min"}
    started = time.perf_counter()
    call_command("load_demo_data", stdout=io.StringIO())
    demo_seconds = time.perf_counter() - started
    languages = [code for code, _name in settings.LANGUAGES]
    routes = {route: pattern for route, pattern in pattern_routes().items()
              if not route.startswith(tuple(EXEMPT_PREFIXES))}
    users = {user.email: user for user in get_user_model().objects.filter(email__in=[e for e in ROLES.values() if e])}

    crawls = []
    for role, email in ROLES.items():
        client = Client(raise_request_exception=False)
        if email:
            client.force_login(users[email])
        crawl = Crawl(client, role)
        crawl.follow([f"/{code}/" for code in languages]
                     + ["/robots.txt", "/sitemap.xml", "/.well-known/security.txt", "/healthz"])
        crawl.hostile_forms(languages)
        for n, route in enumerate(sorted(routes)):
            numbers = [HUGE_ID] if route in crawl.reached else [1, HUGE_ID]
            if "<int:" not in route and "\\d" not in route:
                numbers = [] if route in crawl.reached else [1]
            for number in numbers:
                path = sample_path(route, languages[n % len(languages)], number)
                if path:
                    crawl.get(path)
        if role == "anonymous":
            _api_requests(crawl)
        crawls.append(crawl)

    reached = set().union(*(crawl.reached for crawl in crawls))
    failures = [failure for crawl in crawls for failure in crawl.failures]
    with capsys.disabled():
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        search = "elasticsearch" if settings.ELASTICSEARCH_URL else "database search"
        print(f"\n[crawl] {engine} + {search}: demo data {demo_seconds:.0f} s; "
              + "; ".join(f"{c.role}: {len(c.pages)} pages, {c.requests} requests, {len(c.forms)} GET forms, "
                          f"{c.seconds:.0f} s" for c in crawls)
              + f"; {len(reached & set(routes))}/{len(routes)} patterns; {len(failures)} server errors")
    not_reached = sorted(set(routes) - reached)
    assert not not_reached, f"URL patterns the crawl did not reach: {not_reached}"
    assert not failures, "server errors:\n" + "\n".join(
        f"{role} GET {url[:300]!r} -> {status} {detail}" for role, url, status, detail in failures[:40])
