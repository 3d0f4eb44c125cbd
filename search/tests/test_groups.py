"""Working groups and their members-only meetings: found by members, invisible to others."""

import pytest

from groups.factories import GroupIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator
from groups.visibility import restrict_to_members
from search import indexing
from search.audience import reader_tokens

from .helpers import titles

pytestmark = pytest.mark.django_db



def test_members_only_meeting(engine, home_page, user_factory):
    from django.contrib.auth.models import AnonymousUser

    group = WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home_page), title="Grupa mieszkaniowa",
                                    slug="mieszkaniowa", topic="Mieszkalnictwo dla rodzin z Charkowa")
    meeting = MeetingPageFactory(parent=group, slug="spotkanie", title="Spotkanie grupy mieszkaniowej",
                                 agenda="<p>Omówienie najmu w Charkowie</p>")
    restrict_to_members(meeting, group)
    member, outsider = user_factory(), user_factory()
    appoint_coordinator(member, group)
    indexing.rebuild()

    assert titles("omówienie najmu", audience=reader_tokens(AnonymousUser())) == []
    assert titles("omówienie najmu", audience=reader_tokens(outsider)) == []
    assert titles("omówienie najmu", audience=reader_tokens(member)) == ["Spotkanie grupy mieszkaniowej"]
    assert titles("mieszkaniowej") == ["Grupa mieszkaniowa"]
    assert set(titles("Kharkiv", audience=reader_tokens(member))) == {"Grupa mieszkaniowa",
                                                                       "Spotkanie grupy mieszkaniowej"}
