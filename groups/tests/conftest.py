"""Fixtures of the working groups' tests: a groups index, a group, meetings and people."""

import pytest

from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Membership
from groups.factories import (
    GroupIndexPageFactory,
    MeetingIndexPageFactory,
    MeetingPageFactory,
    WorkingGroupPageFactory,
)
from groups.membership import appoint_coordinator
from home.models import HomePage


@pytest.fixture
def group_index(home_page):
    return GroupIndexPageFactory(parent=home_page)


@pytest.fixture
def group(group_index):
    return WorkingGroupPageFactory(parent=group_index, title="Edukacja", slug="edukacja")


@pytest.fixture
def other_group(group_index):
    return WorkingGroupPageFactory(parent=group_index, title="Mieszkalnictwo", slug="mieszkalnictwo")


@pytest.fixture
def meeting_index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


@pytest.fixture
def meeting(group):
    return MeetingPageFactory(parent=group, slug="spotkanie", capacity=2)


@pytest.fixture
def coordinator(user_factory, group):
    user = user_factory(first_name="Olena", last_name="Koordynatorka")
    appoint_coordinator(user, group)
    return user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (e-mails) of the wrapped block, as a real commit would."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def tx_home_page(transactional_db):
    """The default site's home page in a transactional test.

    A transactional test starts from whatever the previous one left: after a flush the
    migrations' data (locales, page tree and collection roots, site) is gone, so put back what we need.
    """
    from wagtail.models import Collection, Locale, Page, Site

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("pl", "uk", "en")}
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_page.specific
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", locale=locales["pl"]))
    home = root.add_child(instance=HomePage(title="Forum Razem", slug="forum-razem", locale=locales["pl"]))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture(autouse=True)
def english_messages():
    """Error messages raised outside a request follow the active language: assert them in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def organisation(home_page):
    """A published member organisation in the directory."""
    index = DirectoryIndexPageFactory(parent=home_page)
    return OrganisationPageFactory(parent=index, title="Fundacja Ocalenie", slug="fundacja-ocalenie",
                                   # fixed text: a random one sometimes held words that search tests look for
                                   description="Pomoc prawna i psychologiczna dla rodzin z Ukrainy.")


@pytest.fixture
def member_factory(user_factory, organisation):
    """Create people who belong to `organisation` (so they may join working groups)."""
    def make(**kwargs):
        user = user_factory(**kwargs)
        MembershipFactory(user=user, organisation=organisation, role=Membership.MEMBER)
        return user

    return make
