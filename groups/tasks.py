"""Background work of the working groups (django-q2): meeting reminders.

`send_meeting_reminders` runs every 15 minutes (groups/schedules.py, `manage.py setup_schedules`). Each reminder is
claimed, sent and marked inside one transaction holding the registration's row lock
(SKIP LOCKED): a second run at the same time skips rows the first one holds, a later
run sees the sent-at marker, and a worker that dies mid-send rolls back, so the
reminder goes out on the next run instead of being lost.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from .models import MeetingRegistration

logger = logging.getLogger(__name__)

REMINDER_AHEAD = datetime.timedelta(hours=24)


def due_reminders(now):
    """Confirmed registrations of live meetings starting within 24 hours, not yet reminded."""
    return MeetingRegistration.objects.filter(
        status=MeetingRegistration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        meeting__live=True,
        meeting__start__gt=now,
        meeting__start__lte=now + REMINDER_AHEAD,
    )


def send_meeting_reminders(now=None):
    """Send every due reminder once; returns how many were sent by this run."""
    from .registration import notify

    now = now or timezone.now()
    sent = 0
    for pk in list(due_reminders(now).values_list("pk", flat=True)):
        with transaction.atomic():
            registration = (
                due_reminders(now).select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "meeting").filter(pk=pk).first()
            )
            if registration is None:  # another run holds it or has sent it
                continue
            notify(registration, "meeting_reminder")
            registration.reminder_sent_at = timezone.now()
            registration.save(update_fields=["reminder_sent_at"])
            sent += 1
    logger.info("meeting reminders sent: %s", sent)
    return sent
