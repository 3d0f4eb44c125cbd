"""Profiles go stale after 12 months without confirmation: listing them and reminding managers."""

import logging

from django.db import transaction
from django.db.models import DateTimeField, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.mail import send_to_users

from .browse import published_organisations
from .models import ReminderLog
from .models.pages import STALE_AFTER
from .permissions import managers_of

logger = logging.getLogger(__name__)


def stale_organisations(now=None):
    """Published organisations (default language) not confirmed (nor first published) for 12 months, oldest first."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    return (
        published_organisations()
        .annotate(confirmed=Coalesce("last_confirmed_at", "first_published_at", output_field=DateTimeField()))
        .filter(Q(confirmed__lt=cutoff))
        .order_by("confirmed", "pk")
    )


def remind_stale_organisations(now=None):
    """E-mail the managers of each stale profile once per staleness period; returns how many were reminded.

    A reminder is recorded before the e-mails go, in the same transaction: an error while
    sending rolls the record back so the next run tries again, and a recorded reminder is
    never sent twice.
    """
    already = ReminderLog.objects.filter(
        organisation=OuterRef("pk"), kind=ReminderLog.STALE, sent_at__gte=OuterRef("confirmed")
    )
    reminded = 0
    for organisation in stale_organisations(now).filter(~Exists(already)).iterator(chunk_size=200):
        managers = list(managers_of(organisation))
        if not managers:
            continue
        with transaction.atomic():
            ReminderLog.objects.create(organisation=organisation, kind=ReminderLog.STALE)
            send_to_users(managers, "directory/emails/stale_reminder", {"organisation": organisation})
        reminded += 1
    logger.info("stale profile reminders sent for %d organisations", reminded)
    return reminded
