"""The page bar: every listing and detail page in at most 25 SQL queries, for every kind of reader.

One table (PAGES) names one page of every public page type and listing; each is requested as an
anonymous visitor, a signed-in member (of organisation A and working group G) and G's coordinator,
on a site with several items in every listing (so an N+1 shows up as a count far above the bar),
and the test fails with the page, the role, the count and the queries.

The count is that of the second request (the frame cache warm, as in production: the first
request of a page after a publication fills it); bench/pages.py measures the time at scale.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from community.factories import PostFactory, ThreadFactory
from community.models import OrganisationUpdate
from directory.factories import MembershipFactory, OrganisationPageFactory, SupportItemFactory
from directory.models import Membership, SupportItem
from groups.factories import GroupContentPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.models import GroupMembership
from groups.roles import sync_permission_groups
from home.factories import NewsPageFactory, UserFactory
from home.models import Sector
from innovations.factories import InnovationPageFactory
from innovations.models import ReplicationInterest
from library.factories import ResourcePageFactory
from positions.actions import add_comment, sign
from positions.factories import PositionPageFactory, in_consultation, open_for_signature
from tests.permission_world import build_world

BAR = 25  # #24: signed-in pages at most 25 queries (Wagtail unpatched: its routing, site and restriction checks)
ROLES = ("anonymous", "member", "coordinator")
ITEMS = 4  # items added to every listing beyond the world's one, so that per-item queries show


def _reverse(name, **kwargs):
    with translation.override("pl"):
        return reverse(name, kwargs=kwargs or None)


def _library(route, **kwargs):
    return lambda w: w.library.url + w.library.reverse_subpage(route, kwargs=kwargs or None)


# name, path(world), roles that must get a 200 (others may be sent to log in, their count still counts)
PAGES = [
    ("home", lambda w: w.home.url, ROLES),
    ("standard page", lambda w: w.standard.url, ROLES),
    ("news list", lambda w: w.news_index.url, ROLES),
    ("news item", lambda w: w.news.url, ROLES),
    ("directory index", lambda w: w.directory.url, ROLES),
    ("organisation profile", lambda w: w.org.url, ROLES),
    ("needs and offers", lambda w: _reverse("directory:items"), ROLES),
    ("need/offer", lambda w: _reverse("directory:item", pk=w.offer.pk), ROLES),
    ("coverage", lambda w: _reverse("directory:coverage"), ROLES),
    ("library listing", lambda w: w.library.url, ROLES),
    ("library topic", lambda w: _library("topic", slug=w.topic_slug)(w), ROLES),
    ("library resource", lambda w: w.resource.url, ROLES),
    ("library collection", lambda w: _library("collection", slug=w.collection.slug)(w), ROLES),
    ("positions listing", lambda w: w.positions_index.url, ROLES),
    ("position in consultation", lambda w: w.position.url, ROLES),
    ("position open for signature", lambda w: w.signed_position.url, ROLES),
    ("position changes", lambda w: _reverse("positions:changes", pk=w.position.pk), ROLES),
    ("group index", lambda w: w.group_index.url, ROLES),
    ("group page", lambda w: w.group.url, ROLES),
    ("group content page", lambda w: w.group_page.url, ROLES),
    ("members-only group page", lambda w: w.members_page.url, ("member", "coordinator")),
    ("group documents", lambda w: _reverse("groups:documents", pk=w.group.pk), ROLES),
    ("group threads", lambda w: _reverse("community:group_threads", pk=w.group.pk), ("member", "coordinator")),
    ("community thread", lambda w: _reverse("community:thread", pk=w.thread.pk), ("member", "coordinator")),
    ("meetings index", lambda w: w.meeting_index.url, ROLES),
    ("meeting", lambda w: w.meeting.url, ROLES),
    ("community updates", lambda w: _reverse("community:updates"), ROLES),
    ("community update", lambda w: _reverse("community:update", pk=w.update.pk), ROLES),
    ("community challenges", lambda w: _reverse("community:challenges"), ROLES),
    ("search", lambda w: _reverse("search") + "?q=pomoc", ROLES),
    ("next steps", lambda w: _reverse("accounts:start"), ("member", "coordinator")),
    ("my organisation", lambda w: _reverse("directory:mine"), ("member", "coordinator")),
    ("my groups", lambda w: _reverse("groups:mine"), ("member", "coordinator")),
    ("my meetings", lambda w: _reverse("groups:my_meetings"), ("member", "coordinator")),
    ("innovations catalogue", lambda w: w.innovations.url, ROLES),
    ("innovation", lambda w: w.innovation.url, ROLES),
    ("interest in replicating", lambda w: _reverse("innovations:interest", pk=w.interest.pk), ("member",)),
]

# Pages whose queries were cut below the bar (#24: the signed-in pages within 1.2x of the patched
# baseline's time), as {page name: {role: most queries}}: a change that adds a query to one of them
# fails here with the queries listed (lower the figure when a page gets cheaper, never raise it
# without saying why in the commit).
BUDGETS = {
    "directory index": {"anonymous": 9, "member": 13, "coordinator": 13},
    "library resource": {"anonymous": 10, "member": 14, "coordinator": 14},
    "meeting": {"anonymous": 11, "member": 17, "coordinator": 20},
    "group page": {"anonymous": 14, "member": 19, "coordinator": 23},
    "group content page": {"anonymous": 8, "member": 12, "coordinator": 15},
    "members-only group page": {"anonymous": 8, "member": 14, "coordinator": 17},
    "position in consultation": {"anonymous": 11, "member": 19, "coordinator": 20},
    "position open for signature": {"anonymous": 11, "member": 19, "coordinator": 18},
    "innovation": {"anonymous": 16, "member": 23, "coordinator": 23},
    "community update": {"anonymous": 5, "member": 9, "coordinator": 9},
}

# Rows still above the bar, as (page name, role). Each entry is an expected failure (xfail, strict:
# it fails as soon as the page meets the bar, so the entry must then be removed). The lead removes them.
ABOVE_BAR = set()


def add_content(w):
    """Several items in every listing of the world, and the member in group G."""
    member, coordinator = w.users["member"], w.users["coordinator"]
    membership = GroupMembership.objects.create(
        user=member, group=w.group, organisation=w.org, status=GroupMembership.Status.ACTIVE,
        decided_at=timezone.now())
    sync_permission_groups(membership)
    w.group.sectors.set(Sector.objects.order_by("position")[:2])  # a group page shows its sectors
    w.group.save()
    add_positions(w)
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    for i in range(ITEMS):
        NewsPageFactory(parent=w.news_index, slug=f"wiadomosc-{i}")
        org = OrganisationPageFactory(parent=w.directory, slug=f"org-{i}", title=f"Organizacja {i}")
        SupportItemFactory(organisation=org, kind=SupportItem.OFFER, title=f"Oferta {i}")
        SupportItemFactory(organisation=w.org, kind=SupportItem.NEED, title=f"Potrzeba {i}")
        resource = ResourcePageFactory(parent=w.library, slug=f"zasob-{i}")
        resource.topics.add("mieszkalnictwo")
        resource.save()
        WorkingGroupPageFactory(parent=w.group_index, slug=f"grupa-{i}", title=f"Grupa {i}")
        GroupContentPageFactory(parent=w.group, slug=f"notatki-{i}")
        meeting_start = start + datetime.timedelta(days=i)
        MeetingPageFactory(parent=w.group, slug=f"spotkanie-{i}", capacity=10, start=meeting_start,
                           end=meeting_start + datetime.timedelta(hours=2))
        thread = ThreadFactory(group=w.group, author=member if i % 2 else coordinator, title=f"Wątek {i}")
        for j in range(2):
            PostFactory(thread=thread, author=member if j else coordinator, body=f"Wpis {j}.")
        PostFactory(thread=w.thread, author=member, body=f"Odpowiedź {i}.")
        OrganisationUpdate.objects.create(organisation=org, author=member, text=f"Nowość {i}.")
        add_innovation(w, org, i)
    return w


def add_positions(w):
    """More positions in the listing, comments on P from several organisations, signatures under S2."""
    for i in range(ITEMS):
        in_consultation(PositionPageFactory(parent=w.group, slug=f"stanowisko-{i}"))
        open_for_signature(PositionPageFactory(parent=w.positions_index, slug=f"apel-{i}"))
        org = OrganisationPageFactory(parent=w.directory, slug=f"sygnatariusz-{i}", title=f"Sygnatariusz {i}")
        manager = UserFactory(email=f"sygnatariusz{i}@example.org")
        MembershipFactory(organisation=org, user=manager, role=Membership.MANAGER)
        sign(manager, w.signed_position, org.pk)
        add_comment(manager, w.position, w.position.paragraphs()[i % 3][0], f"Uwaga {i}", org.pk)


def add_innovation(w, org, i):
    """An innovation of `org` in the catalogue, and `org`'s interest in the world's innovation."""
    InnovationPageFactory(parent=w.innovations, organisation=org, slug=f"innowacja-{i}")
    ReplicationInterest.objects.create(innovation=w.innovation, organisation=org, reason=f"Powód {i}",
                                       timeframe="later")


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The permission matrix's world plus listings of several items; rolled back after the module."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            w = add_content(build_world())
            w.clients = {role: Client() for role in ROLES}
            for role in ROLES[1:]:
                w.clients[role].force_login(w.users[role])
            yield w
            transaction.set_rollback(True)


def count_queries(client, path):
    """(status, queries) of the second GET of `path` (the first one warms the frame cache)."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, queries.captured_queries


CASES = [pytest.param(name, role, marks=[pytest.mark.xfail(strict=True, reason="above the page bar")]
                      if (name, role) in ABOVE_BAR else [], id=f"{name}-{role}")
         for name, _path, _ok in PAGES for role in ROLES]


@pytest.mark.parametrize("name, role", CASES)
def test_page_within_query_bar(site, db, name, role):
    from django.core.cache import cache

    cache.clear()  # rate-limit counters of other tests
    path_of, ok_roles = next((p, ok) for n, p, ok in PAGES if n == name)
    path = path_of(site)
    status, queries = count_queries(site.clients[role], path)
    if role in ok_roles:
        assert status == 200, f"{name} ({path}) as {role}: status {status}"
    listing = "\n".join(f"  {i}. {q['sql'][:300]}" for i, q in enumerate(queries, 1))
    bar = BUDGETS.get(name, {}).get(role, BAR)
    assert len(queries) <= bar, f"{name} ({path}) as {role}: {len(queries)} queries (bar {bar}):\n{listing}"
