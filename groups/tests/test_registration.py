"""Meeting registration: seats, waitlist, promotion, the last seat under concurrency, bad input."""

import datetime
import threading

import pytest
from django.core import mail
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from accounts.models import ConsentRecord
from groups.factories import GroupIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.models import MeetingRegistration
from groups.registration import (
    RegistrationError, cancel, promote_waitlist, reader_registration, register, registration_of,
)
from home.translation import ensure_translation

pytestmark = pytest.mark.django_db

Status = MeetingRegistration.Status


def test_seats_then_waitlist_then_promotion_in_order(meeting, user_factory, django_capture_on_commit_callbacks):
    anna, borys, celina, dmytro = (user_factory() for _ in range(4))
    assert register(anna, meeting).status == Status.CONFIRMED
    assert register(borys, meeting).status == Status.CONFIRMED
    assert register(celina, meeting).status == Status.WAITLISTED
    assert register(dmytro, meeting).status == Status.WAITLISTED
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel(MeetingRegistration.objects.get(user=anna))

    statuses = dict(MeetingRegistration.objects.values_list("user__email", "status"))
    assert statuses == {anna.email: Status.CANCELLED, borys.email: Status.CONFIRMED,
                        celina.email: Status.CONFIRMED, dmytro.email: Status.WAITLISTED}
    assert [message.to for message in mail.outbox] == [[celina.email]]
    assert mail.outbox[0].attachments[0][0] == "meeting.ics"


def test_confirmation_email_in_recipients_language_with_ics(meeting, user_factory, home_pages,
                                                          django_capture_on_commit_callbacks):
    ensure_translation(meeting.get_parent().get_parent().specific, "uk", title="Робочі групи")
    ensure_translation(meeting.get_parent().specific, "uk", title="Освіта", topic="Освіта")
    meeting_uk = ensure_translation(meeting, "uk", title="Зустріч групи")
    user = user_factory(language="uk")
    with django_capture_on_commit_callbacks(execute=True):
        register(user, meeting_uk)
    message = mail.outbox[-1]
    assert "Зустріч групи" in message.subject
    filename, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.start
    # Registration is stored once for the meeting, whatever the language.
    assert MeetingRegistration.objects.get(user=user).meeting_id == meeting.pk


def test_the_pages_reader_registration_and_seats(meeting, user_factory):
    """reader_registration gives registration_of's answer and the confirmed seats: one query for a reader
    without a registration, two for one with."""
    anna, borys, celina, dmytro = (user_factory() for _ in range(4))
    register(anna, meeting)
    register(borys, meeting)
    register(celina, meeting)  # waitlisted: capacity 2
    cancel(MeetingRegistration.objects.get(user=anna))  # celina promoted
    for reader, queries_expected in ((AnonymousUser(), 1), (dmytro, 1), (anna, 2), (celina, 2)):
        expected = (registration_of(reader, meeting), meeting.canonical.registrations.confirmed().count())
        with CaptureQueriesContext(connection) as queries:
            assert reader_registration(reader, meeting) == expected
        assert len(queries) == queries_expected
    assert reader_registration(dmytro, meeting)[1] == 2


def test_registering_twice_is_refused(meeting, user_factory):
    user = user_factory()
    register(user, meeting)
    with pytest.raises(RegistrationError, match="already registered"):
        register(user, meeting)
    assert MeetingRegistration.objects.count() == 1


@pytest.mark.parametrize("opens, closes, message", [
    (datetime.timedelta(days=1), None, "not opened"),
    (None, -datetime.timedelta(minutes=1), "closed"),
])
def test_registration_outside_its_window_is_refused(group, user_factory, opens, closes, message):
    now = timezone.now()
    meeting = MeetingPageFactory(
        parent=group, slug="okno",
        registration_opens_at=now + opens if opens else None,
        registration_closes_at=now + closes if closes else None,
    )
    with pytest.raises(RegistrationError, match=message):
        register(user_factory(), meeting)
    assert not MeetingRegistration.objects.exists()


def test_registration_closes_when_meeting_starts(group, user_factory):
    start = timezone.now() - datetime.timedelta(minutes=5)
    meeting = MeetingPageFactory(parent=group, slug="trwa", start=start, end=start + datetime.timedelta(hours=2))
    with pytest.raises(RegistrationError, match="closed"):
        register(user_factory(), meeting)


def test_re_registering_after_cancelling_joins_the_end_of_the_queue(meeting, user_factory):
    first, second, third = user_factory(), user_factory(), user_factory()
    register(first, meeting)
    register(second, meeting)
    cancel(MeetingRegistration.objects.get(user=first))
    register(third, meeting)  # takes the freed seat
    again = register(first, meeting)
    assert again.status == Status.WAITLISTED
    assert MeetingRegistration.objects.filter(user=first).count() == 1


def test_raising_capacity_promotes_the_waitlist(meeting, user_factory):
    users = [user_factory() for _ in range(4)]
    for user in users:
        register(user, meeting)
    meeting.capacity = 3
    meeting.save_revision().publish()
    confirmed = set(MeetingRegistration.objects.confirmed().values_list("user_id", flat=True))
    assert confirmed == {users[0].pk, users[1].pk, users[2].pk}


def test_unlimited_meeting_never_waitlists(group, user_factory):
    meeting = MeetingPageFactory(parent=group, slug="bez-limitu", capacity=None)
    for _ in range(5):
        assert register(user_factory(), meeting).is_confirmed
    assert promote_waitlist(meeting) == []


def test_web_flow_and_online_link_only_for_participants(client, group, user_factory):
    meeting = MeetingPageFactory(parent=group, slug="online", mode="online", address="",
                                 online_url="https://meet.example.org/secret-room", capacity=1)
    outsider = user_factory()
    client.force_login(outsider)
    assert "secret-room" not in client.get(meeting.url).content.decode()
    participant = user_factory()
    client.force_login(participant)
    response = client.post(f"/pl/groups/meetings/{meeting.pk}/register/",
                           {"organisation_name": "Fundacja Ocalenie", "interpretation": "uk", "share_details": "on"},
                           follow=True)
    assert response.status_code == 200
    assert "secret-room" in response.content.decode()
    registration = MeetingRegistration.objects.get(user=participant)
    assert registration.organisation_name == "Fundacja Ocalenie" and registration.interpretation == "uk"
    ics = client.get(f"/pl/groups/meetings/{meeting.pk}/meeting.ics")
    assert b"secret-room" in ics.content
    client.force_login(outsider)
    assert b"secret-room" not in client.get(f"/pl/groups/meetings/{meeting.pk}/meeting.ics").content
    # Registering twice through the form: a clear message, nothing changed.
    client.force_login(participant)
    response = client.post(f"/pl/groups/meetings/{meeting.pk}/register/", {}, follow=True)
    assert MeetingRegistration.objects.count() == 1
    assert response.status_code == 200


def test_anonymous_cannot_register(client, meeting):
    response = client.post(f"/pl/groups/meetings/{meeting.pk}/register/", {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not MeetingRegistration.objects.exists()


def test_bad_form_input_never_500(client, meeting, user_factory):
    client.force_login(user_factory())
    response = client.post(f"/pl/groups/meetings/{meeting.pk}/register/",
                           {"interpretation": "xx", "accessibility_needs": "x" * 5000})
    assert response.status_code == 302
    assert not MeetingRegistration.objects.exists()
    assert client.post("/pl/groups/meetings/999999/register/", {}).status_code == 404


def test_needs_are_kept_only_with_the_recorded_consent(client, meeting, user_factory):
    person = user_factory()
    client.force_login(person)
    url = f"/pl/groups/meetings/{meeting.pk}/register/"
    # Needs without consent: refused with the reason, nothing saved, no consent invented.
    response = client.post(url, {"accessibility_needs": "Pętla indukcyjna"}, follow=True)
    assert "wyraź zgodę" in response.content.decode()
    assert not MeetingRegistration.objects.exists() and not ConsentRecord.objects.exists()
    # With consent: registered, and the consent recorded with its purpose, text, way and time.
    client.post(url, {"accessibility_needs": "Pętla indukcyjna", "share_details": "on"})
    assert MeetingRegistration.objects.get(user=person).accessibility_needs == "Pętla indukcyjna"
    consent = ConsentRecord.objects.get(user=person)
    assert (consent.purpose, consent.method) == (ConsentRecord.Purpose.MEETING_DATA, ConsentRecord.Method.MEETING)
    assert "koordynator" in consent.text and consent.given_at and consent.withdrawn_at is None


def test_registering_without_needs_asks_no_consent(client, meeting, user_factory):
    client.force_login(user_factory())
    client.post(f"/pl/groups/meetings/{meeting.pk}/register/", {"organisation_name": "Fundacja"})
    assert MeetingRegistration.objects.count() == 1 and not ConsentRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_registering_for_the_last_seat_at_once(tx_home_page, user_factory):
    """Two threads, two PostgreSQL connections, one seat: exactly one confirmed, one waitlisted."""
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (row locks).")
    index = GroupIndexPageFactory(parent=tx_home_page)
    group = WorkingGroupPageFactory(parent=index, slug="last-seat")
    meeting = MeetingPageFactory(parent=group, slug="ostatnie-miejsce", capacity=1)
    people = [user_factory(), user_factory()]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def attempt(user):
        try:
            barrier.wait(timeout=10)
            results.append(register(user, meeting).status)
        except Exception as error:  # surfaced by the assertions below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(results) == [Status.CONFIRMED, Status.WAITLISTED]
    assert MeetingRegistration.objects.confirmed().count() == 1
