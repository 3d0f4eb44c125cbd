"""Page serving on the bench dataset: every public page type, the API and search, uncached.

References in the same run: the framework's simplest view (robots.txt) for pages, and the
identical raw Elasticsearch request for the search API (ratio = p50 ours / p50 raw).
BENCH_REPEAT (default 30) timed calls per row.

Each page is measured twice: "uncached" with the frame's cross-request cache off
(settings.FRAME_CACHE = False: menu, language links, footer and home sections computed on
every request), then "fragment cache" with it on, as in production, so the report shows
what the cached fragments save.

Signed-in rows ("…, member"/"…, coordinator") are requested by a bench member of the middle
organisation and the middle working group (and by a coordinator of that group), logged in
with force_login; `bench_people()` creates them on first use, so a kept dataset works as is.
"""

import os

from django.test import Client, override_settings

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
SIMPLEST = "reference: /robots.txt (simplest view)"
RAW_SEARCH = "reference: raw Elasticsearch request"


def run(report):
    """Measure each page type of the dataset through the whole middleware stack (in-process client)."""
    client = Client()

    def get(path, params=None, as_client=client):
        def call():
            response = as_client.get(path, params or {})
            assert response.status_code == 200, (path, params, response.status_code)

        return call

    def measure(name, call, reference=SIMPLEST):
        report.measure(name, call, repeat=REPEAT, reference=reference)

    measure(SIMPLEST, get("/robots.txt"), reference=None)
    rows = page_rows()
    signed_in = signed_in_rows()
    clients = {}
    for role, user in bench_people().items():
        clients[role] = Client()
        clients[role].force_login(user)
    for cached, label in ((False, "uncached"), (True, "fragment cache")):
        with override_settings(FRAME_CACHE=cached):
            for name, path, params in rows:
                measure(f"{name} ({label})", get(path, params))
            for name, role, path in signed_in:
                measure(f"{name}, {role} ({label})", get(path, as_client=clients[role]))
    # The bench is one client asking hundreds of searches a minute: lift the per-client search rate.
    with override_settings(SEARCH_API_RATES={"search": "100000/min", "autocomplete": "100000/min"}):
        search_rows(report, get)


def _middle(queryset):
    count = queryset.count()
    return queryset.order_by("pk")[count // 2] if count else None


def bench_people():
    """{role: user}: a member of the middle organisation and of the middle working group, and
    that group's coordinator; created on first use (idempotent), with the current legal
    documents accepted so that no page redirects them."""
    from accounts.consent import current_versions
    from accounts.models import ConsentRecord
    from directory.models import DirectoryIndexPage, Membership, OrganisationPage
    from groups.membership import appoint_coordinator
    from groups.models import GroupMembership, WorkingGroupPage
    from home.factories import UserFactory

    User = UserFactory._meta.model
    directory = DirectoryIndexPage.objects.filter(slug="katalog-bench").first()
    organisation = _middle(OrganisationPage.objects.child_of(directory)) if directory else None
    group = _middle(WorkingGroupPage.objects.live())
    people = {}
    for role in ("member", "coordinator"):
        email = f"bench-{role}@example.org"
        user = User.objects.filter(email=email).first() or UserFactory(email=email)
        for kind, version in current_versions().items():
            ConsentRecord.objects.get_or_create(user=user, purpose=kind, version=version, withdrawn_at=None,
                                                defaults={"email": email, "method": ConsentRecord.Method.ADMIN,
                                                          "text": "bench"})
        if organisation is not None:
            Membership.objects.get_or_create(organisation=organisation, user=user,
                                             defaults={"role": Membership.MEMBER})
        if group is not None and role == "member":
            GroupMembership.objects.update_or_create(
                user=user, group=group.canonical, defaults={"status": GroupMembership.Status.ACTIVE,
                                                            "role": GroupMembership.Role.MEMBER,
                                                            "organisation": organisation})
        elif group is not None:
            appoint_coordinator(user, group)
        people[role] = user
    return people


def signed_in_rows():
    """(name, role, path) of the pages measured for signed-in people (see bench_people)."""
    from django.urls import reverse
    from django.utils import translation

    from directory.models import DirectoryIndexPage, OrganisationPage
    from groups.models import MeetingPage, WorkingGroupPage

    rows = []
    group = _middle(WorkingGroupPage.objects.live())
    if group:
        meeting = _middle(MeetingPage.objects.child_of(group))
        for role in ("member", "coordinator"):
            rows.append(("working group page", role, group.url))
            if meeting:
                rows.append(("meeting page", role, meeting.url))
    with translation.override("pl"):
        rows.append(("community updates feed", "member", reverse("community:updates")))
    directory = DirectoryIndexPage.objects.filter(slug="katalog-bench").first()
    if directory:
        rows.append(("organisation profile", "member", _middle(OrganisationPage.objects.child_of(directory)).url))
    return rows


def page_rows():
    """(name, path, params) of one page of each type, in the middle of the bench dataset."""
    from directory.models import DirectoryIndexPage, OrganisationPage, SupportItem
    from groups.models import MeetingPage, WorkingGroupPage
    from home.models import NewsIndexPage, NewsPage
    from library.models import LibraryIndexPage, ResourcePage

    middle = _middle
    news_index = NewsIndexPage.objects.get(locale__language_code="pl")
    directory = DirectoryIndexPage.objects.filter(slug="katalog-bench").first()
    library = LibraryIndexPage.objects.filter(slug="biblioteka-bench").first()
    rows = [
        ("home /pl/", "/pl/", None),
        ("news list", news_index.url, None),
        ("news item", middle(NewsPage.objects.live()).url, None),
    ]
    if directory:
        rows += [
            ("directory, no filter", directory.url, None),
            ("directory, sector + region", directory.url, {"sector": "housing", "region": "lubelskie"}),
            ("organisation profile", middle(OrganisationPage.objects.child_of(directory)).url, None),
            ("needs and offers list", "/pl/needs-offers/", {"kind": "offer"}),
            ("need/offer with suggestions", f"/pl/needs-offers/{middle(SupportItem.objects.all()).pk}/", None),
            ("coverage", "/pl/coverage/", None),
            ("API organisations, sector", "/api/v1/organisations", {"sector": "housing"}),
        ]
    if library:
        rows += [
            ("library, no filter", library.url, None),
            ("library, type + language", library.url, {"type": "guide", "language": "uk"}),
            ("resource page", middle(ResourcePage.objects.child_of(library)).url, None),
        ]
    group = middle(WorkingGroupPage.objects.live())
    if group:
        rows += [
            ("working group page", group.url, None),
            ("meeting page", middle(MeetingPage.objects.child_of(group)).url, None),
            ("group calendar (ICS)", f"/pl/groups/{group.pk}/calendar.ics", None),
        ]
    return rows


def search_rows(report, get):
    """The search page and API against the identical raw Elasticsearch request, in the same run."""
    from django.conf import settings

    queries = ["pomoc prawna", "житло", "housing Lublin"]
    if settings.ELASTICSEARCH_URL:
        from search.client import get_client
        from search.documents import alias_name
        from search.engines import ElasticsearchEngine, SearchRequest

        es = get_client()
        bodies = [ElasticsearchEngine(es).request_body(SearchRequest(text=query)) for query in queries]

        def raw():
            for body in bodies:
                es.search(index=alias_name(), body=body)

        report.measure(RAW_SEARCH + " (3 queries)", raw, repeat=REPEAT)

    def api():
        for query in queries:
            get("/api/v1/search", {"q": query})()

    reference = RAW_SEARCH + " (3 queries)" if settings.ELASTICSEARCH_URL else None
    report.measure("search API (3 queries)", api, repeat=REPEAT, reference=reference)
    report.measure("search page 'pomoc prawna'", get("/pl/search/", {"q": "pomoc prawna"}), repeat=REPEAT,
                   reference=SIMPLEST)
