"""Meeting registration: seats, waitlist and automatic promotion, safe under concurrency.

Every change of a meeting's seats first locks the meeting's row (SELECT … FOR UPDATE),
so two people asking for the last seat at the same moment are served one after the
other: exactly one gets it, the other joins the waitlist. E-mails leave only after
the transaction commits.
"""

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import can_view

from .ics import meeting_calendar
from .mailing import absolute_url, localized_for, send
from .models import MeetingPage, MeetingRegistration

Status = MeetingRegistration.Status


class RegistrationError(Exception):
    """A registration that cannot be made or changed; the message is for the person."""


def registration_of(user, meeting):
    """The user's registration for the meeting (any translation), or None."""
    if not user.is_authenticated:
        return None
    return MeetingRegistration.objects.filter(user=user, meeting=meeting.canonical).first()


def reader_registration(user, meeting):
    """(`user`'s registration for the meeting or None, the seats taken), for the meeting's page: ONE
    query for a reader who holds no registration (most readers), two for one who does."""
    canonical = meeting.canonical
    if not user.is_authenticated:
        return None, canonical.registrations.confirmed().count()
    # The (meeting, user) pair is unique: Max is the one registration's id.
    found = canonical.registrations.aggregate(
        taken=Count("pk", filter=Q(status=Status.CONFIRMED)), mine=Max("pk", filter=Q(user=user)))
    if found["mine"] is None:
        return None, found["taken"]
    return MeetingRegistration.objects.filter(pk=found["mine"]).first(), found["taken"]


def _lock(meeting):
    """Lock the meeting's own row and return it fresh (capacity and dates as stored now)."""
    return MeetingPage.objects.select_for_update(of=("self",)).get(pk=meeting.canonical.pk)


def register(user, meeting, *, organisation_name="", interpretation="", accessibility_needs="", now=None):
    """Register `user` for `meeting`: a seat if one is free, else a place on the waitlist.

    Raises RegistrationError, changing nothing, when the person is not signed in or may not
    see the meeting, when registration is not open, or when they are already registered.
    """
    now = now or timezone.now()
    if not user.is_authenticated:
        raise RegistrationError(_("Log in to register for a meeting."))
    if not MeetingPage.objects.live().filter(pk=meeting.pk).exists() or not can_view(user, meeting):
        raise RegistrationError(_("This meeting is not open to you."))
    with transaction.atomic():
        locked = _lock(meeting)
        state = locked.registration_state(now)
        if state == "not-yet":
            raise RegistrationError(_("Registration for this meeting has not opened yet."))
        if state == "closed":
            raise RegistrationError(_("Registration for this meeting is closed."))
        registration = MeetingRegistration.objects.filter(meeting=locked, user=user).first()
        if registration is not None and registration.is_active:
            raise RegistrationError(_("You are already registered for this meeting."))
        taken = locked.registrations.confirmed().count()
        has_seat = locked.capacity is None or taken < locked.capacity
        registration = registration or MeetingRegistration(meeting=locked, user=user)
        registration.organisation_name = organisation_name
        registration.interpretation = interpretation
        registration.accessibility_needs = accessibility_needs
        registration.status = Status.CONFIRMED if has_seat else Status.WAITLISTED
        registration.registered_at, registration.cancelled_at, registration.promoted_at = now, None, None
        registration.reminder_sent_at, registration.attended = None, None
        registration.save()
        name = "registration_confirmed" if has_seat else "registration_waitlisted"
        transaction.on_commit(lambda: notify(registration, name))
    return registration


def cancel(registration, now=None):
    """Cancel a registration; a freed seat goes to the first person on the waitlist."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(registration.meeting)
        registration = MeetingRegistration.objects.get(pk=registration.pk)
        if not registration.is_active:
            raise RegistrationError(_("This registration is already cancelled."))
        if locked.has_ended:
            raise RegistrationError(_("The meeting is over: registrations can no longer change."))
        registration.status, registration.cancelled_at = Status.CANCELLED, now
        registration.save(update_fields=["status", "cancelled_at"])
        promote_waitlist(locked, now=now, locked=True)
    return registration


def promote_waitlist(meeting, now=None, locked=False):
    """Give free seats to the waitlist in registration order; each promoted person gets an e-mail."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = meeting if locked else _lock(meeting)
        if meeting.has_ended:
            return []
        waiting = meeting.registrations.waitlisted().in_queue_order()
        if meeting.capacity is not None:
            free = meeting.capacity - meeting.registrations.confirmed().count()
            waiting = waiting[: max(free, 0)]
        promoted = list(waiting)
        for registration in promoted:
            registration.status, registration.promoted_at = Status.CONFIRMED, now
            registration.save(update_fields=["status", "promoted_at"])
        for registration in promoted:
            transaction.on_commit(lambda registration=registration: notify(registration, "registration_promoted"))
    return promoted


def notify(registration, name):
    """E-mail a registration's person about it; confirmed seats carry the meeting's .ics."""
    user = registration.user
    meeting = localized_for(registration.meeting, user)
    attachments = ()
    if registration.is_confirmed:
        attachments = [("meeting.ics", meeting_calendar([meeting], with_online_link=True), "text/calendar")]
    context = {"registration": registration, "meeting": meeting, "meeting_url": absolute_url(meeting)}
    return send(user, name, context, attachments=attachments)
