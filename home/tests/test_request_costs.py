"""What the frame saves on every request must not change any answer.

Routing by url_path (home.routing) finds exactly the page Wagtail's level-by-level routing
finds; the userbar ({% userbar %}) shows to those who may edit the page and nobody else;
view restrictions apply at once when they change.
"""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from groups.factories import (
    GroupContentPageFactory,
    GroupIndexPageFactory,
    MeetingPageFactory,
    WorkingGroupPageFactory,
)
from core.access import visible_pages_for
from groups.membership import appoint_coordinator
from groups.visibility import restrict_to_members
from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory, UserFactory
from library.factories import LibraryIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar"


@pytest.fixture
def tree(home_page):
    index = GroupIndexPageFactory(parent=home_page, slug="grupy")
    group = WorkingGroupPageFactory(parent=index, slug="edukacja")
    other = WorkingGroupPageFactory(parent=index, slug="zdrowie")
    notes = GroupContentPageFactory(parent=group, slug="notatki")
    deep = GroupContentPageFactory(parent=notes, slug="glebiej")
    meeting = MeetingPageFactory(parent=group, slug="spotkanie")
    library = LibraryIndexPageFactory(parent=home_page, slug="biblioteka")
    resource = ResourcePageFactory(parent=library, slug="poradnik")
    news_index = NewsIndexPageFactory(parent=home_page, slug="aktualnosci")
    news = NewsPageFactory(parent=news_index, slug="wiadomosc")
    draft = StandardPageFactory(parent=home_page, slug="szkic", live=False)
    return {"home": home_page, "group": group, "other": other, "notes": notes, "deep": deep, "meeting": meeting,
            "library": library, "resource": resource, "news": news, "draft": draft}


def wagtail_route(root, path_components):
    """Wagtail's own answer: Page.route level by level (no url_path shortcut)."""
    request = RequestFactory().get("/")
    page = root
    while True:
        specific = page.specific
        if type(specific).route is not type(root).route or not path_components:
            return specific.route(request, path_components)
        try:
            child = page.get_children().get(slug=path_components[0])
        except Page.DoesNotExist as error:
            raise Http404 from error
        page, path_components = child, path_components[1:]


def summary(result):
    """A route result as comparable values (a routable page's view is a method bound to its page)."""
    page, args, kwargs = result
    args = tuple(getattr(arg, "__func__", arg) for arg in args)
    return type(page), page.pk, args, kwargs


@pytest.mark.parametrize("path", [
    "grupy/", "grupy/edukacja/", "grupy/edukacja/notatki/glebiej/", "grupy/edukacja/spotkanie/",
    "biblioteka/", "biblioteka/poradnik/", "biblioteka/feed/rss/", "aktualnosci/wiadomosc/",
    "grupy/nie-ma/", "grupy/edukacja/nie-ma/dalej/", "szkic/", "nie-ma/",
])
def test_routing_by_url_path_finds_what_wagtail_finds(tree, path):
    components = [part for part in path.split("/") if part]
    request = RequestFactory().get("/")
    try:
        expected = wagtail_route(tree["home"], components)
    except Http404:
        expected = Http404
    try:
        got = tree["home"].route(request, components)
    except Http404:
        got = Http404
    if expected is Http404:
        assert got is Http404, path
    else:
        assert got is not Http404, path
        assert summary(got) == summary(expected), path


def test_routing_costs_two_queries_whatever_the_depth(tree, django_assert_max_num_queries):
    request = RequestFactory().get("/")
    with django_assert_max_num_queries(2):
        result = tree["home"].route(request, ["grupy", "edukacja", "notatki", "glebiej"])
    assert result.page.pk == tree["deep"].pk
    with django_assert_max_num_queries(0):
        assert result.page.get_parent().pk == tree["notes"].pk


def test_userbar_only_for_those_who_may_edit_the_page(client, tree):
    coordinator, member = UserFactory(), UserFactory()
    appoint_coordinator(coordinator, tree["group"])
    client.force_login(member)
    assert USERBAR not in client.get(tree["group"].url).content.decode()
    client.force_login(coordinator)
    assert USERBAR in client.get(tree["group"].url).content.decode()
    assert USERBAR in client.get(tree["meeting"].url).content.decode()
    assert USERBAR not in client.get(tree["other"].url).content.decode()
    assert USERBAR not in client.get(tree["news"].url).content.decode()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert USERBAR in client.get(tree["news"].url).content.decode()


def test_a_new_restriction_hides_the_page_from_listings_at_once(client, tree):
    anonymous = type("Anonymous", (), {"is_authenticated": False, "is_superuser": False})()
    children = Page.objects.child_of(tree["group"])
    assert tree["notes"].pk in {p.pk for p in visible_pages_for(anonymous, children)}
    restrict_to_members(tree["notes"], tree["group"])
    fresh = type("Anonymous", (), {"is_authenticated": False, "is_superuser": False})()
    assert tree["notes"].pk not in {p.pk for p in visible_pages_for(fresh, children)}


def test_view_restrictions_apply_on_the_next_request_and_through_aliases(client, tree):
    from wagtail.models import PageViewRestriction

    notes = tree["notes"]
    assert client.get(notes.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=tree["group"], restriction_type=PageViewRestriction.LOGIN)
    assert client.get(notes.url).status_code == 302  # a restricted ancestor: to the log-in page
    assert client.get(tree["news"].url).status_code == 200
    restriction.delete()
    assert client.get(notes.url).status_code == 200
    alias = tree["deep"].create_alias(parent=tree["home"], update_slug="alias-glebiej")
    assert client.get(alias.url).status_code == 200
    PageViewRestriction.objects.create(page=tree["deep"], restriction_type=PageViewRestriction.LOGIN)
    assert client.get(alias.url).status_code == 302  # an alias takes its source page's restriction
