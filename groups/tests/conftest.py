"""Fixtures of the working groups' tests: a groups index, a group, meetings and people."""

import pytest

from groups.factories import (
    GroupIndexPageFactory,
    MeetingIndexPageFactory,
    MeetingPageFactory,
    WorkingGroupPageFactory,
)


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
    from groups.membership import appoint_coordinator

    user = user_factory(first_name="Olena", last_name="Koordynatorka")
    appoint_coordinator(user, group)
    return user
