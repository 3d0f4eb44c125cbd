"""Fixtures of the community tests: a working group with a coordinator, a member and an outsider."""

import re

import pytest
from django.core.cache import cache

from community.discussions import start_thread
from groups.factories import GroupIndexPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator, request_to_join
from groups.models import WorkingGroupPage

# Joining a group requires belonging to a registered organisation: reuse the groups tests' fixtures.
from groups.tests.conftest import member_factory, organisation  # noqa: F401


def feed_pks(response):
    """The ids of the updates a feed response shows, read from its HTML (the list may be a kept copy)."""
    return [int(pk) for pk in re.findall(r'id="update-(\d+)-heading"', response.content.decode())]


@pytest.fixture(autouse=True)
def _english():
    """Tests read English messages: reverse() gives /en/ addresses, served in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def group_index(home_page):
    return GroupIndexPageFactory(parent=home_page)


@pytest.fixture
def group(group_index):
    # A fixed topic: the factory's random Polish sentence sometimes held a word the search tests look for.
    return WorkingGroupPageFactory(parent=group_index, title="Edukacja", slug="edukacja", topic="Szkoły i przedszkola",
                                   join_policy=WorkingGroupPage.JoinPolicy.OPEN)


@pytest.fixture
def other_group(group_index):
    return WorkingGroupPageFactory(parent=group_index, title="Mieszkalnictwo", slug="mieszkalnictwo",
                                   topic="Lokale na dłużej", join_policy=WorkingGroupPage.JoinPolicy.OPEN)


@pytest.fixture
def coordinator(user_factory, group):
    user = user_factory(first_name="Olena", last_name="Koordynatorka", language="uk")
    appoint_coordinator(user, group)
    return user


@pytest.fixture
def member(member_factory, group):
    user = member_factory(first_name="Marek", last_name="Członek", language="pl")
    request_to_join(user, group)
    return user


@pytest.fixture
def outsider(user_factory):
    return user_factory(first_name="Anna", last_name="Obca", language="en")


@pytest.fixture
def thread(group, coordinator):
    return start_thread(coordinator, group, "Lekcje polskiego", "Pierwszy wpis o lekcjach.")
