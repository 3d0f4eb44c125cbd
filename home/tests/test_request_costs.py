"""What the frame saves on every request must not change any answer.

The userbar ({% userbar %}) shows to those who may edit the page and nobody else;
view restrictions apply at once when they change.
"""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from wagtail.models import Page

from core.access import visible_pages_for
from groups.factories import (
    GroupContentPageFactory,
    GroupIndexPageFactory,
    MeetingPageFactory,
    WorkingGroupPageFactory,
)
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


def _userbar(client, page):
    """The userbar the reader gets on `page`: the page's slot, then what the slot loads ("" for none)."""
    found = re.search(r'data-userbar-src="([^"]+)"', client.get(page.url).content.decode())
    if found is None:
        return ""
    response = client.get(found.group(1))
    assert response.status_code in (200, 204)
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


def test_userbar_only_for_those_who_may_edit_the_page(client, tree):
    coordinator, member = UserFactory(), UserFactory()
    appoint_coordinator(coordinator, tree["group"])
    client.force_login(member)
    assert USERBAR not in _userbar(client, tree["group"])
    client.force_login(coordinator)
    assert USERBAR in _userbar(client, tree["group"])
    assert USERBAR in _userbar(client, tree["meeting"])
    assert USERBAR not in client.get(tree["group"].url).content.decode()  # it comes after the page
    assert USERBAR not in _userbar(client, tree["other"])
    assert USERBAR not in _userbar(client, tree["news"])
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert USERBAR in _userbar(client, tree["news"])


def test_the_userbar_address_answers_only_those_who_may_edit(client, tree):
    coordinator, member = UserFactory(), UserFactory()
    appoint_coordinator(coordinator, tree["group"])
    address = reverse("page_userbar", args=[tree["group"].pk])
    assert client.get(address).status_code == 204  # a visitor
    client.force_login(member)
    assert client.get(address).status_code == 204
    client.force_login(coordinator)
    assert USERBAR in client.get(address).content.decode()
    assert client.get(reverse("page_userbar", args=[tree["news"].pk])).status_code == 204
    assert client.get(reverse("page_userbar", args=[10**9])).status_code == 204  # no such page
    assert client.post(address).status_code == 405
    notes = reverse("page_userbar", args=[tree["notes"].pk])
    assert USERBAR in client.get(notes).content.decode()
    restrict_to_members(tree["notes"], tree["other"])  # a page of the group that the coordinator may not read
    assert client.get(notes).status_code == 204
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    root = Page.get_first_root_node()  # the tree's root is no page
    assert client.get(reverse("page_userbar", args=[root.pk])).status_code == 204
    assert USERBAR in client.get(reverse("userbar")).content.decode()  # no page: the admin link and the checker


def test_previews_keep_the_userbar_in_the_page(rf, tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    request = rf.get("/")
    request.user, request.is_preview = admin, True
    html = Template("{% load home_tags %}{% userbar %}").render(Context({"request": request, "page": tree["news"]}))
    assert USERBAR in html and "data-userbar-src" not in html


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
