"""The person's group data is exported and erased with the account; their seat goes to the waitlist."""

import pytest

from groups.membership import request_to_join
from groups.models import GroupMembership, MeetingRegistration
from groups.privacy import erase_personal_data, export_personal_data
from groups.registration import register

pytestmark = pytest.mark.django_db


def test_export_and_erase(group, meeting, coordinator, user_factory, member_factory):
    person, waiting, other = member_factory(), user_factory(), user_factory()
    register(other, meeting)
    register(person, meeting, accessibility_needs="Wózek")
    register(waiting, meeting)
    request_to_join(person, group, "Dzień dobry")
    data = export_personal_data(person)
    assert data["meeting_registrations"][0]["accessibility_needs"] == "Wózek"
    assert data["group_memberships"][0]["message"] == "Dzień dobry"
    counts = erase_personal_data(person)
    assert counts == {"meeting_registrations": 1, "group_memberships": 1}
    assert not MeetingRegistration.objects.filter(user=person).exists()
    assert not GroupMembership.objects.filter(user=person).exists()
    assert MeetingRegistration.objects.get(user=waiting).is_confirmed
