"""#17 "close the class": the demo site crawled as an anonymous visitor, a member and a coordinator
in pl, uk and en, with hostile values in every GET form and API parameter. Zero server errors.

Runs in both configurations: the main run (PostgreSQL + Elasticsearch, cms.settings.test) and the
embedded default `make run` uses (SQLite, database search, ORM broker: cms.settings.test_embedded,
the second pytest invocation of `make test`). Every URL pattern of the project's resolver is
requested; a pattern the crawl could not reach fails the test, as does any 5xx. The size and time
of the crawl are printed (`[crawl] …`, also with -q).

What it does, in order (tests/crawl.py has the rules):
1. `load_demo_data --small` (home.demo_size: every kind of page, a fraction of the rows);
2. each role follows the links from /pl/, /uk/, /en/ (at most 2 URLs per route, per parent path
   for Wagtail pages), noting every GET form;
3. each form gets every hostile value (tests/crawl.py HOSTILE_VALUES) in all of its fields once,
   the values dealt out in turn among the roles and languages that have the form, then repeated
   parameters;
4. the URLs the apps name for the crawl (`crawl_urls()` in <app>/demo.py, see below), in each role;
5. every pattern each role has not reached yet is filled in (ints 1, strings "x") and, when it takes
   an id, requested again with an id beyond 64 bits;
6. every GET operation of the OpenAPI schema with hostile query values, listed ids, 0 and 2^70+.

A NEW APP'S URL PATTERNS (positions, innovations, …) are reached in one of three ways, best first:
- link to them from a page the crawl visits, and create the rows that make the link appear in your
  app's `demo.py` `load(log)` (load_demo_data runs it; keep it small when
  `home.demo_size.is_small()`: the crawl loads the small set twice per `make test`);
- for what no page links to (a token, a pending request, a download), add to your `demo.py`

      def crawl_urls():
          '''URLs of the demo data for the crawl of #17 (tests/test_crawl.py), paths with the language.'''
          return [reverse("positions:detail", kwargs={"pk": Position.objects.first().pk}), ...]

  (called after the demo data is loaded, inside translation.override("pl"); each role requests them);
- otherwise the crawl fills the pattern in itself (an <int:…> gets 1, anything else "x"): enough
  to reach it, though a 404 on a made-up id tests little of the view.
The admin screens the project's apps define (views of a LOCAL_APPS module under admin/: reports,
import runs, registrations, the audit log…) are crawled as the Secretariat, following only links
among them; Wagtail's own admin and Django's admin are not crawled. Run `pytest tests/test_crawl.py` after adding
patterns (and pass it to merge.sh): "URL patterns the crawl did not reach" names what is missing.
"""

import io
import time
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from accounts.roles import secretariat_group
from home.factories import UserFactory

from .crawl import (HOSTILE_VALUES, HUGE_ID, Crawl, hostile_forms, pattern_routes, project_admin_routes,
                    route_of, sample_path)

# Its own xdist group: handed out first in the main run (tests/parallel.py), beside the browser tests,
# so that the longest unit of work never comes last.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("crawl")]

# Patterns the crawl does not request, with the reason (anything else not reached fails the test).
EXEMPT_PREFIXES = {
    "admin/": "Wagtail's own admin screens: staff only, exercised by Wagtail's tests and tests/test_admin_polish.py "
              "(the admin screens the project's apps define ARE crawled, as the Secretariat)",
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


def app_crawl_urls():
    """The URLs the apps' demo modules name for the crawl (`crawl_urls()`, see the module docstring)."""
    urls = []
    with translation.override(django_settings.LANGUAGE_CODE):
        for app in django_settings.LOCAL_APPS:
            if find_spec(f"{app}.demo") is not None:
                urls += getattr(import_module(f"{app}.demo"), "crawl_urls", list)()
    return urls


def _secretariat_client():
    """A client signed in as a member of the Secretariat (the demo has none: made here)."""
    user = UserFactory(email="sekretariat.crawl@example.org")
    user.groups.add(secretariat_group())
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_the_demo_site_answers_every_pattern_in_every_role_and_language_without_a_server_error(
        settings, tmp_path, capsys):
    from django.contrib.auth import get_user_model

    settings.MEDIA_ROOT = tmp_path / "media"
    # The crawl sends hundreds of searches: the per-client search budget is not what it tests.
    settings.SEARCH_API_RATES = {"search": "100000/min", "autocomplete": "100000/min"}
    started, cpu = time.perf_counter(), time.process_time()
    call_command("load_demo_data", "--small", stdout=io.StringIO())
    demo_seconds, demo_cpu = time.perf_counter() - started, time.process_time() - cpu
    languages = [code for code, _name in settings.LANGUAGES]
    every = pattern_routes()
    admin_routes = project_admin_routes(every)
    routes = {route: pattern for route, pattern in every.items()
              if not route.startswith(tuple(EXEMPT_PREFIXES)) or route in admin_routes}
    users = {user.email: user for user in get_user_model().objects.filter(email__in=[e for e in ROLES.values() if e])}

    crawls = []
    for role, email in ROLES.items():
        client = Client(raise_request_exception=False)
        if email:
            client.force_login(users[email])
        crawl = Crawl(client, role)
        crawl.follow([f"/{code}/" for code in languages]
                     + ["/robots.txt", "/sitemap.xml", "/.well-known/security.txt", "/healthz"])
        crawls.append(crawl)
    # The admin screens the project's apps define, as the Secretariat (Polish admin), their links among them.
    secretariat = Crawl(_secretariat_client(), "secretariat", allows=lambda path: route_of(path) in admin_routes)
    secretariat.follow([sample_path(route, "pl", 1) for route in sorted(admin_routes) if "<" not in route])
    crawls.append(secretariat)
    forms = hostile_forms(crawls)
    named = app_crawl_urls()
    for m, crawl in enumerate(crawls):
        for url in named:
            crawl.get(url)
        for n, route in enumerate(sorted(routes)):
            if (route in admin_routes) != (crawl is secretariat):
                continue
            takes_id = "<int:" in route or "\\d" in route
            numbers = ([HUGE_ID] if takes_id else []) if route in crawl.reached else ([1, HUGE_ID] if takes_id else [1])
            for number in numbers:
                path = sample_path(route, languages[(n + m) % len(languages)], number)
                if path:
                    crawl.get(path)
    _api_requests(crawls[0])

    reached = set().union(*(crawl.reached for crawl in crawls))
    failures = [failure for crawl in crawls for failure in crawl.failures]
    with capsys.disabled():
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        search = "elasticsearch" if settings.ELASTICSEARCH_URL else "database search"
        total = sum(crawl.requests for crawl in crawls)
        print(f"\n[crawl] {engine} + {search}: demo data (--small) {demo_seconds:.0f} s ({demo_cpu:.0f} s CPU); "
              + "; ".join(f"{c.role}: {len(c.pages)} pages, {c.requests} requests, {c.seconds:.0f} s "
                          f"({c.cpu_seconds:.0f} s CPU)" for c in crawls)
              + f"; {total} requests in all, {forms} GET forms, {len(named)} named URLs; "
              + f"{len(reached & set(routes))}/{len(routes)} patterns; {len(failures)} server errors; "
              + f"{time.perf_counter() - started:.0f} s in all")
        only_404 = sorted(route for route in set(routes) & reached
                          if all(statuses <= {404} for c in crawls for r, statuses in c.reached.items() if r == route))
        print(f"[crawl] patterns that answered only 404: {only_404}")
    not_reached = sorted(set(routes) - reached)
    assert not not_reached, f"URL patterns the crawl did not reach: {not_reached}"
    assert not failures, "server errors:\n" + "\n".join(
        f"{role} GET {url[:300]!r} -> {status} {detail}" for role, url, status, detail in failures[:40])
