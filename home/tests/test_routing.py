"""HomePage.route (home.routing) gives Wagtail's `Page.route` answer for every URL of the demo tree.

The demo site (`load_demo_data --small`: every kind of page) is routed from each language's
home page both ways, for every page below it (live or not), sub-routes of routable pages,
paths that lead nowhere; then again after adding aliases (a recursive alias of a section and an
alias of that alias), a slug changed with `QuerySet.update` (the stored url_path goes stale) and
two siblings given the same slug (Wagtail's `.get()` raises MultipleObjectsReturned: so must we).
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from groups.factories import (
    GroupContentPageFactory, GroupIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory,
)
from groups.models import WorkingGroupPage
from home.models import HomePage
from home.routing import ancestor_of_type, route
from library.factories import LibraryIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

EXTRA = (["nie-ma"], ["feed", "rss"], ["feed", "atom"], ["topics", "nie-ma"], ["propose"], ["nie-ma", "dalej"])


def outcome(function, root, components):
    """What routing `components` below `root` gives, as comparable values (or the exception's class)."""
    request = RequestFactory().get("/" + "/".join(components))
    try:
        page, args, kwargs = function(root, request, components)
    except (Http404, Page.MultipleObjectsReturned) as error:
        return type(error)
    args = tuple(getattr(arg, "__func__", arg) for arg in args)  # a routable page's view is bound to its page
    return type(page), page.pk, page.get_parent().pk, args, kwargs


def every_path(home):
    """Slug lists of every page below `home`, then of a few sub-routes and dead ends below each."""
    slugs = {home.path: None}
    paths = []
    for page in Page.objects.descendant_of(home).order_by("path").only("path", "slug"):
        slugs[page.path] = page.slug
        parts = [slugs[page.path[:end]] for end in range(len(home.path) + Page.steplen, len(page.path) + 1,
                                                          Page.steplen)]
        paths.append(parts)
    return paths + [parts + extra for parts in [[]] + paths for extra in EXTRA]


def assert_same_as_wagtail(homes):
    checked = 0
    for home in homes:
        for components in every_path(home):
            assert outcome(route, home, components) == outcome(Page.route, home, components), components
            checked += 1
    return checked


def assert_same_groups(homes):
    """`ancestor_of_type` of every page routed below `homes` is the working group the database names."""
    checked = 0
    for home in homes:
        for components in every_path(home):
            try:
                page = route(home, RequestFactory().get("/"), components).page
            except (Http404, Page.MultipleObjectsReturned):
                continue
            expected = WorkingGroupPage.objects.ancestor_of(page).first()
            with CaptureQueriesContext(connection) as queries:
                found = ancestor_of_type(page, WorkingGroupPage)
            assert getattr(found, "pk", None) == getattr(expected, "pk", None), components
            assert found is None or isinstance(found, WorkingGroupPage)
            assert not queries, components
            checked += found is not None
    return checked


def test_home_routing_is_wagtails_over_the_demo_tree(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_data", "--small", stdout=io.StringIO())
    homes = list(HomePage.objects.all())
    assert len(homes) >= 3
    assert assert_same_as_wagtail(homes) > 100

    # Aliases: a whole section aliased under another language's home, and an alias of that alias.
    pl, other = homes[0], homes[1]
    section = max(Page.objects.child_of(pl), key=lambda page: page.numchild).specific
    alias = section.create_alias(parent=other, update_slug=f"{section.slug}-alias", recursive=True)
    alias.specific.create_alias(parent=other, update_slug=f"{section.slug}-alias-2", recursive=False)
    # A slug changed behind Wagtail's back (url_path stale) and two siblings sharing a slug.
    first, second, *_rest = Page.objects.child_of(section)
    Page.objects.filter(pk=first.pk).update(slug="zmieniony")
    children = list(Page.objects.child_of(pl))
    Page.objects.filter(pk=children[-1].pk).update(slug=children[0].slug)
    assert assert_same_as_wagtail([pl, other]) > 100
    assert outcome(route, pl, [children[0].slug]) is Page.MultipleObjectsReturned
    assert outcome(route, pl, [section.slug, "zmieniony"])[1] == first.pk
    assert assert_same_groups([pl, other]) > 10


def test_home_routing_costs_two_queries_whatever_the_depth(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="grupy")
    group = WorkingGroupPageFactory(parent=index, slug="edukacja")
    notes = GroupContentPageFactory(parent=group, slug="notatki")
    deep = GroupContentPageFactory(parent=notes, slug="glebiej")
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        result = home_page.route(request, ["grupy", "edukacja", "notatki", "glebiej"])
        assert result.page.pk == deep.pk and result.page.get_parent().pk == notes.pk
    assert len(queries) == 2



def test_a_slug_many_pages_share_brings_only_the_path(home_page):
    """Every group has its "notatki": the query of the candidates returns the pages of the path alone."""
    index = GroupIndexPageFactory(parent=home_page, slug="grupy")
    groups = [WorkingGroupPageFactory(parent=index, slug=f"grupa-{n}") for n in range(5)]
    notes = [GroupContentPageFactory(parent=group, slug="notatki") for group in groups]
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        result = home_page.route(request, ["grupy", "grupa-3", "notatki"])
    assert result.page.pk == notes[3].pk and result.page.get_parent().pk == groups[3].pk
    with connection.cursor() as cursor:
        cursor.execute(queries[0]["sql"])
        assert len(cursor.fetchall()) == 3

def test_routing_through_a_routable_page_costs_no_more(home_page):
    """A page below a RoutablePageMixin page (a library resource) is found with the others; the
    routable page still answers the paths its own sub-routes match."""
    library = LibraryIndexPageFactory(parent=home_page, slug="biblioteka")
    resource = ResourcePageFactory(parent=library, slug="poradnik")
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        result = home_page.route(request, ["biblioteka", "poradnik"])
    assert result.page.pk == resource.pk and result.page.get_parent().pk == library.pk
    assert len(queries) == 2
    page, args, _kwargs = home_page.route(request, ["biblioteka", "propose"])
    assert page.pk == library.pk and args[0].__func__ is type(page).propose


def test_working_group_of_a_routed_page_costs_no_query(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="grupy")
    group = WorkingGroupPageFactory(parent=index, slug="edukacja")
    meeting = MeetingPageFactory(parent=group, slug="spotkanie")
    routed = home_page.route(RequestFactory().get("/"), ["grupy", "edukacja", "spotkanie"]).page
    with CaptureQueriesContext(connection) as queries:
        assert routed.group.pk == group.pk and routed.group.title == group.title
    assert not queries
    # Loaded without its parents: the database tells.
    with CaptureQueriesContext(connection) as queries:
        assert type(meeting).objects.get(pk=meeting.pk).group.pk == group.pk
    assert len(queries) == 2
