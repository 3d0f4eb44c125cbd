"""The person's group data is exported and erased with the account; their seat goes to the waitlist."""

import pytest

from accounts.privacy import apply_retention
from groups.factories import MeetingPageFactory
from groups.membership import request_to_join
from groups.models import GroupMembership, MeetingRegistration
from groups.privacy import erase_personal_data, export_personal_data, purge_expired
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


def test_registration_details_are_purged_after_the_retention_period(group, meeting, user_factory, settings):
    import datetime

    from django.utils import timezone

    settings.MEETING_DATA_RETENTION_DAYS = 30
    now = timezone.now()
    old = MeetingPageFactory(parent=group, slug="dawne", start=now - datetime.timedelta(days=40))
    recent = MeetingPageFactory(parent=group, slug="niedawne", start=now - datetime.timedelta(days=10))
    people = [user_factory() for _n in range(3)]
    for meeting_page in (old, recent, meeting):
        MeetingRegistration.objects.create(
            meeting=meeting_page, user=people[0], organisation_name="Fundacja", interpretation="uk",
            accessibility_needs="Pętla indukcyjna", status=MeetingRegistration.Status.CONFIRMED, registered_at=now,
        )
    MeetingRegistration.objects.create(meeting=old, user=people[1], status=MeetingRegistration.Status.CONFIRMED,
                                       registered_at=now)
    assert purge_expired(now) == {"meeting_registration_details": 1}
    purged = MeetingRegistration.objects.get(meeting=old, user=people[0])
    assert (purged.interpretation, purged.accessibility_needs, purged.organisation_name) == ("", "", "Fundacja")
    for meeting_page in (recent, meeting):  # not due yet: untouched
        kept = MeetingRegistration.objects.get(meeting=meeting_page, user=people[0])
        assert (kept.interpretation, kept.accessibility_needs) == ("uk", "Pętla indukcyjna")
    assert purge_expired(now) == {"meeting_registration_details": 0}  # nothing twice
    assert apply_retention(now)["groups"] == {"meeting_registration_details": 0}  # the scheduled task runs it
