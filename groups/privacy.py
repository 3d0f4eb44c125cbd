"""Personal data held by the working groups (hooks of accounts.privacy).

Memberships and meeting registrations belong to the person: exported, and erased
with the account. A confirmed seat at an upcoming meeting is cancelled first, so
that the waitlist moves up. Registration details (interpretation and accessibility
needs) are purged MEETING_DATA_RETENTION_DAYS after the meeting ends.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import ConsentRecord

from .models import GroupMembership, MeetingRegistration


def export_personal_data(user):
    """The person's group memberships and meeting registrations."""
    return {
        "group_memberships": [
            {"group": m.group.title, "role": m.role, "status": m.status, "message": m.message,
             "requested_at": m.created_at.isoformat(),
             "decided_at": m.decided_at.isoformat() if m.decided_at else None}
            for m in GroupMembership.objects.filter(user=user).select_related("group")
        ],
        "meeting_registrations": [
            {"meeting": r.meeting.title, "start": r.meeting.start.isoformat(), "status": r.status,
             "organisation": r.organisation_name, "interpretation": r.interpretation,
             "accessibility_needs": r.accessibility_needs, "registered_at": r.registered_at.isoformat(),
             "attended": r.attended}
            for r in MeetingRegistration.objects.filter(user=user).select_related("meeting")
        ],
    }


def erase_personal_data(user):
    """Delete the person's memberships and registrations (freeing their seats first)."""
    from .registration import cancel

    upcoming = MeetingRegistration.objects.filter(
        user=user, meeting__end__gte=timezone.now()
    ).exclude(status=MeetingRegistration.Status.CANCELLED)
    for registration in upcoming:
        cancel(registration)
    registrations, _ = MeetingRegistration.objects.filter(user=user).delete()
    memberships = GroupMembership.objects.filter(user=user)
    count = memberships.count()
    for membership in memberships:  # one by one: the delete signal takes them out of permission groups
        membership.delete()
    return {"meeting_registrations": registrations, "group_memberships": count}


def consent_withdrawn(user, purpose):
    """Withdrawing the meeting-data consent blanks the person's interpretation and accessibility needs."""
    if purpose != ConsentRecord.Purpose.MEETING_DATA:
        return 0
    return MeetingRegistration.objects.filter(user=user).filter(
        ~Q(interpretation="") | ~Q(accessibility_needs="")
    ).update(interpretation="", accessibility_needs="")


def purge_expired(now):
    """Blank the interpretation and accessibility needs of registrations for meetings that ended long enough ago.

    Who registered and attended stays (the group's record of its meetings); only the
    details about the person's needs go, as the consent given at registration says.
    """
    cutoff = now - datetime.timedelta(days=settings.MEETING_DATA_RETENTION_DAYS)
    due = MeetingRegistration.objects.filter(meeting__end__lt=cutoff).filter(
        ~Q(interpretation="") | ~Q(accessibility_needs="")
    )
    return {"meeting_registration_details": due.update(interpretation="", accessibility_needs="")}
