"""Reminders to member organisations that have not reacted, a week and a day before a deadline.

"Not reacted": no comment from the organisation during a consultation, no signature while a
position is open for signature. The managers of each such organisation get one e-mail each, in
their language, unless the organisation opted out (ReminderOptOut) or the person unsubscribed from
membership communications (digests.Contact).

Exactly once: every reminder owed is first written as a Reminder row (unique per position,
organisation, phase and stage; a second run creates nothing), then claimed by a conditional
UPDATE (queued or failed -> sending) before anything is sent, so two workers never send the same
one. A failed one is retried by the next run while its stage lasts; a worker that dies while
sending leaves it "sending", never sent twice.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from accounts.affiliations import live_member_organisations, managers_of
from accounts.mail import build_message
from digests.models import Contact

from .models import Comment, PositionPage, Reminder, ReminderOptOut, Signature

log = logging.getLogger(__name__)

STAGES = ((Reminder.WEEK, datetime.timedelta(days=7)), (Reminder.DAY, datetime.timedelta(days=1)))


def stage_at(deadline, now):
    """The reminder stage whose window contains `now` ([deadline-7d, deadline-1d) is the week's,
    [deadline-1d, deadline) the day's), or None."""
    if deadline is None or now >= deadline:
        return None
    if now >= deadline - datetime.timedelta(days=1):
        return Reminder.DAY
    if now >= deadline - datetime.timedelta(days=7):
        return Reminder.WEEK
    return None


def due_positions(now):
    """[(position, phase, stage)] of the live authoritative positions in a reminder window now."""
    due = []
    for position in PositionPage.objects.live().filter(
            locale__language_code=settings.LANGUAGE_CODE,
            phase__in=[PositionPage.Phase.CONSULTATION, PositionPage.Phase.SIGNING]):
        if position.canonical.pk != position.pk:
            continue
        stage = stage_at(position.deadline, now)
        if stage:
            due.append((position, position.phase, stage))
    return due


def silent_organisations(position, phase):
    """Live member organisations (default language) that have not reacted and did not opt out."""
    reacted = (Comment.objects.filter(position=position, organisation=OuterRef("pk"))
               if phase == PositionPage.Phase.CONSULTATION
               else Signature.objects.filter(position=position, organisation=OuterRef("pk")))
    return (live_member_organisations()
            .exclude(Exists(reacted))
            .exclude(Exists(ReminderOptOut.objects.filter(organisation=OuterRef("pk")))))


def plan(now):
    """Write the reminders owed now (idempotent); returns how many were new."""
    rows = [Reminder(position=position, organisation=organisation, phase=phase, stage=stage, created_at=now)
            for position, phase, stage in due_positions(now)
            for organisation in silent_organisations(position, phase).only("pk")]
    before = Reminder.objects.count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return Reminder.objects.count() - before


def recipients(organisation):
    """The organisation's active managers who have not unsubscribed from membership communications."""
    unsubscribed = Contact.objects.filter(status=Contact.UNSUBSCRIBED, email__iexact=OuterRef("email"))
    return list(managers_of(organisation).exclude(Exists(unsubscribed)).order_by("pk"))


def _position_url(position, language):
    page = position.get_translation_or_none(
        position.locale.__class__.objects.filter(language_code=language).first()) if language else None
    page = page if page is not None and page.live else position
    return page.get_full_url() or settings.WAGTAILADMIN_BASE_URL


def compose(reminder, person):
    """The reminder e-mail for one manager, in their language."""
    language = person.language or settings.LANGUAGE_CODE
    position = reminder.position
    with translation.override(language):
        settings_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("positions:reminders")
    context = {"reminder": reminder, "position": position, "organisation": reminder.organisation,
               "deadline": position.consultation_closes_at if reminder.phase == PositionPage.Phase.CONSULTATION
               else position.signing_closes_at,
               "consultation": reminder.phase == PositionPage.Phase.CONSULTATION,
               "url": _position_url(position, language), "settings_url": settings_url, "person": person}
    return build_message(person.email, "positions/emails/reminder", context, language)


def send_due(now=None):
    """Plan what is owed now and send every reminder this worker can claim. Returns {state: count}."""
    now = now or timezone.now()
    plan(now)
    outcome = {}
    for reminder in Reminder.objects.filter(state__in=[Reminder.QUEUED, Reminder.FAILED]).select_related(
            "position", "organisation"):
        position = reminder.position
        if reminder.phase != position.phase or stage_at(position.deadline, now) != reminder.stage:
            continue  # its moment has passed (or the phase changed): never sent late
        if not Reminder.objects.filter(pk=reminder.pk, state__in=[Reminder.QUEUED, Reminder.FAILED]).update(
                state=Reminder.SENDING, attempts=F("attempts") + 1):
            continue  # another worker took it
        state = deliver(reminder, now)
        outcome[state] = outcome.get(state, 0) + 1
    return outcome


def deliver(reminder, now):
    """Send one claimed reminder to its organisation's managers; record the result."""
    try:
        people = recipients(reminder.organisation)
        for person in people:
            compose(reminder, person).send()
    except Exception as error:  # noqa: BLE001 — recorded, retried by the next run within the stage
        log.warning("position reminder %s failed: %s", reminder.pk, error)
        Reminder.objects.filter(pk=reminder.pk).update(state=Reminder.FAILED, last_error=str(error)[:2000])
        return Reminder.FAILED
    state = Reminder.SENT if people else Reminder.SKIPPED
    Reminder.objects.filter(pk=reminder.pk).update(state=state, sent_at=now, recipients=len(people))
    return state
