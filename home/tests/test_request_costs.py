"""What the frame saves on every request must not change any answer.

The userbar ({% userbar %}) shows to those who may edit the page and nobody else;
view restrictions apply at once when they change.
"""

import pytest
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
