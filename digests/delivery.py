"""Exactly-once sending of digests and mailings.

1. Planning creates one Delivery per subscriber and period (or mailing) with
   `bulk_create(ignore_conflicts=True)` against a unique constraint: running it again
   creates nothing.
2. Batches of delivery ids go to django-q2. Deliveries are *claimed* (queued → sending,
   committed, in chunks of CLAIM_CHUNK under row locks that other workers skip) before
   their e-mails are built; only the claiming worker sends them, so a batch enqueued twice
   or run by two workers sends once. Each is marked sent right after its own send.
3. After the send the delivery becomes sent (or skipped when there is nothing new);
   an exception makes it failed with `next_attempt_at` doubling from BACKOFF, until
   MAX_ATTEMPTS.
4. `retry_due` (every few minutes) re-enqueues failed deliveries that are due, claims
   left in "sending" longer than LEASE (their worker died) and queued deliveries whose
   batch never ran, so nobody is lost.
The one unavoidable gap: a worker killed after the mail server accepted a message but
before "sent" was committed re-sends that message once its lease expires. The window is one
UPDATE long (`finish` runs, in autocommit, right after the server's reply to that message),
and the re-sent message is byte-identical (Message-ID, Date, links and MIME boundaries all
derive from the delivery record: `emails.list_headers`), so receiving systems that
deduplicate by Message-ID show it once. docs/operations.md § 6 states the guarantee.
"""

import datetime
import logging

from allauth.account.models import EmailAddress
from accounts.audit import record
from accounts.models import ConsentRecord
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.utils import timezone

from .contacts import contact_audience
from .emails import compose_contact_mailing, compose_digest, compose_mailing
from .matching import Preferences, select_items
from .models import Contact, Delivery, Mailing, Subscription
from .periods import last_complete_period
from .sources import ANONYMOUS, collect_items, working_group_members
from .visibility import readers_for

log = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_ATTEMPTS = 5
BACKOFF = datetime.timedelta(minutes=2)
# Longer than django-q2's task timeout (300 s): a claim this old has lost its worker.
LEASE = datetime.timedelta(minutes=15)


def link_accounts():
    """Attach subscriptions to the accounts whose verified address they use (one UPDATE)."""
    verified = EmailAddress.objects.filter(email__iexact=OuterRef("email"), verified=True, user__is_active=True)
    return (
        Subscription.objects.filter(user__isnull=True)
        .filter(Exists(verified))
        .update(user_id=Subquery(verified.values("user_id")[:1]))
    )


def apply_withdrawals(now):
    """Unsubscribe members who withdrew their digest consent in their privacy dashboard (accounts app).

    A withdrawal counts when it is later than the subscription's confirmation and no consent
    was given again since. Returns the number of subscriptions ended.
    """
    digests = ConsentRecord.objects.filter(purpose=ConsentRecord.Purpose.DIGESTS, user_id=OuterRef("user_id"))
    ended = 0
    for subscription in Subscription.objects.filter(status=Subscription.ACTIVE, user__isnull=False).filter(
        Exists(digests.filter(withdrawn_at__gte=OuterRef("confirmed_at")))
    ).exclude(Exists(digests.filter(withdrawn_at__isnull=True))):
        subscription.unsubscribe(now)
        subscription.save(update_fields=["status", "unsubscribed_at", "token_nonce"])
        ended += 1
    return ended


def enqueue(delivery_ids, now=None):
    """Send the deliveries in batches of BATCH_SIZE through django-q2."""
    from django_q.tasks import async_task

    delivery_ids = list(delivery_ids)
    extra = {"now": now} if now is not None else {}
    for index in range(0, len(delivery_ids), BATCH_SIZE):
        async_task("digests.tasks.send_batch", delivery_ids[index:index + BATCH_SIZE], **extra)
    return len(delivery_ids)


def plan_digest(frequency, now=None, send=True):
    """Create the deliveries of the last complete period of `frequency`; enqueue the queued ones."""
    given_now, now = now, now or timezone.now()
    period = last_complete_period(frequency, now)
    key = f"digest:{period.key}"
    link_accounts()
    apply_withdrawals(now)
    subscription_ids = Subscription.objects.filter(
        status=Subscription.ACTIVE, frequency=frequency, confirmed_at__lt=period.end
    ).values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(subscription_id=pk, key=key, window_start=period.start, window_end=period.end, created_at=now)
         for pk in subscription_ids.iterator()],
        ignore_conflicts=True, batch_size=1000,
    )
    queued = list(Delivery.objects.filter(key=key, state=Delivery.QUEUED).values_list("pk", flat=True))
    if send:
        enqueue(queued, given_now)
    return period, queued


def audience_size(mailing):
    """How many people a draft mailing would reach now (subscribers or contact persons)."""
    from .contacts import contact_audience_size

    if mailing.audience == Mailing.CONTACTS:
        return contact_audience_size(mailing)
    return mailing_audience(mailing).count()


def mailing_audience(mailing):
    """Active subscriptions that the mailing's audience selects (none for a contact-persons audience)."""
    if mailing.audience == Mailing.CONTACTS:
        return Subscription.objects.none()
    subscriptions = Subscription.objects.filter(status=Subscription.ACTIVE)
    if mailing.audience == Mailing.MEMBERS:
        return subscriptions.filter(user__isnull=False, user__is_active=True)
    if mailing.audience == Mailing.GROUPS:
        group_ids = list(mailing.working_groups.values_list("pk", flat=True))
        return subscriptions.filter(user_id__in=working_group_members(group_ids), user__is_active=True)
    if mailing.audience == Mailing.SECTORS:
        return subscriptions.filter(sectors__in=mailing.sectors.all()).distinct()
    if mailing.audience == Mailing.REGIONS:
        return subscriptions.filter(voivodeships__in=mailing.voivodeships.all()).distinct()
    return subscriptions


def plan_mailing(mailing_id, user=None, now=None, send=True):
    """Start sending a draft mailing: one delivery per subscriber of its audience. Returns the count.

    Only a draft can be started, under a row lock, so pressing "send" twice sends once.
    """
    given_now, now = now, now or timezone.now()
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing_id)
        if mailing.status != Mailing.DRAFT:
            return 0
        link_accounts()
        apply_withdrawals(now)
        key = f"mailing:{mailing.pk}"
        Delivery.objects.bulk_create(
            [Delivery(subscription_id=pk, key=key, mailing=mailing, created_at=now)
             for pk in mailing_audience(mailing).values_list("pk", flat=True).iterator()]
            + [Delivery(contact_id=pk, key=key, mailing=mailing, created_at=now)
               for pk in contact_audience(mailing).values_list("pk", flat=True)],
            ignore_conflicts=True, batch_size=1000,
        )
        Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.SENDING, sent_at=now, sent_by=user)
        queued = list(Delivery.objects.filter(key=key, state=Delivery.QUEUED).values_list("pk", flat=True))
        # In the same transaction: the audit log says who started a mailing to how many people, and on
        # which legal basis a contact-persons audience was written to.
        basis = {"audience": mailing.audience, "legal_basis": mailing.legal_basis} if mailing.legal_basis else {}
        record(mailing, "razem.mailing_sent", user=user, recipients=len(queued), **basis)
    if send:
        enqueue(queued, given_now)
    return len(queued)


CLAIM_CHUNK = 25


def claimable(now):
    """Deliveries a worker may take: queued, failed and due, or claimed by a worker that died."""
    return (
        Q(state=Delivery.QUEUED)
        | Q(state=Delivery.FAILED, next_attempt_at__lte=now)
        | Q(state=Delivery.SENDING, claimed_at__lt=now - LEASE)
    )


def claim(deliveries, now):
    """Take these deliveries for this worker; returns those it got (others are done or held elsewhere).

    One locked SELECT (skipping rows another worker is claiming) and one UPDATE for the whole
    chunk: a claim is committed before any of its e-mails is built.
    """
    with transaction.atomic():
        ids = set(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(claimable(now), pk__in=[delivery.pk for delivery in deliveries])
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=ids).update(state=Delivery.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    claimed = [delivery for delivery in deliveries if delivery.pk in ids]
    for delivery in claimed:
        delivery.attempts += 1
    return claimed


def finish(delivery, state, **fields):
    Delivery.objects.filter(pk=delivery.pk, state=Delivery.SENDING).update(state=state, last_error="", **fields)


def fail(delivery, error, now):
    """Record a failed attempt; retry after BACKOFF × 2^(attempts−1), or give up after MAX_ATTEMPTS."""
    retry_at = None if delivery.attempts >= MAX_ATTEMPTS else now + BACKOFF * 2 ** (delivery.attempts - 1)
    Delivery.objects.filter(pk=delivery.pk, state=Delivery.SENDING).update(
        state=Delivery.FAILED, next_attempt_at=retry_at, last_error=f"{type(error).__name__}: {error}"[:2000]
    )
    log.warning("delivery %s failed (attempt %s): %s", delivery.pk, delivery.attempts, error)


def covered_until(subscription_ids):
    """{subscription id: end of the window of its last finished digest}, in one query."""
    return dict(
        Delivery.objects.filter(
            subscription_id__in=subscription_ids, mailing__isnull=True, state__in=[Delivery.SENT, Delivery.SKIPPED]
        ).values_list("subscription_id").annotate(until=Max("window_end")).values_list("subscription_id", "until")
    )


def digest_start(delivery, covered):
    """Start of the content window: where the subscriber's previous digest ended (a change of
    frequency never repeats content), catching up one missed period at most."""
    length = delivery.window_end - delivery.window_start
    start = covered.get(delivery.subscription_id) or delivery.window_start
    return max(start, delivery.window_start - length)


def send_batch(delivery_ids, now=None):
    """Send the given deliveries that this worker can claim. Returns {state: count} of this run."""
    now = now or timezone.now()
    deliveries = list(
        Delivery.objects.filter(pk__in=delivery_ids)
        .exclude(state__in=[Delivery.SENT, Delivery.SKIPPED])
        .select_related("subscription__user", "contact", "mailing")
        .prefetch_related("subscription__sectors", "subscription__voivodeships")
        .order_by("pk")
    )
    if not deliveries:
        return {}
    mailings = {}
    for delivery in deliveries:  # one object per mailing, so its versions are read once per batch
        if delivery.mailing_id:
            delivery.mailing = mailings.setdefault(delivery.mailing_id, delivery.mailing)
    readers = readers_for([delivery.subscription.user for delivery in deliveries if delivery.subscription_id])
    digests = [delivery for delivery in deliveries if delivery.mailing_id is None]
    items, starts = [], {}
    if digests:
        covered = covered_until([delivery.subscription_id for delivery in digests])
        starts = {delivery.pk: digest_start(delivery, covered) for delivery in digests}
        items = collect_items(min(starts.values()), max(delivery.window_end for delivery in digests))
    topic_cache, entry_cache, outcome = {}, {}, {}
    with get_connection() as connection:
        for index in range(0, len(deliveries), CLAIM_CHUNK):
            for delivery in claim(deliveries[index:index + CLAIM_CHUNK], now):
                try:
                    state = _deliver(delivery, readers, items, starts, (topic_cache, entry_cache), connection, now)
                except Exception as error:  # noqa: BLE001 — any failure of one e-mail is recorded and retried
                    fail(delivery, error, now)
                    state = Delivery.FAILED
                outcome[state] = outcome.get(state, 0) + 1
    for mailing_id in {delivery.mailing_id for delivery in deliveries if delivery.mailing_id}:
        refresh_mailing_status(mailing_id)
    return outcome


def _deliver(delivery, readers, items, starts, caches, connection, now):
    if delivery.contact_id:
        return _deliver_to_contact(delivery, connection, now)
    subscription = delivery.subscription
    if subscription.status != Subscription.ACTIVE:
        finish(delivery, Delivery.SKIPPED)
        return Delivery.SKIPPED
    reader = readers.get(subscription.user_id, ANONYMOUS)
    if delivery.mailing_id:
        message = compose_mailing(subscription, delivery.mailing, issued_at=delivery.created_at)
        message.connection = connection
        message.send()
        # At once, on its own: the shorter the time between the server's acceptance and this
        # commit, the smaller the chance that a dying worker leaves a message to be re-sent.
        finish(delivery, Delivery.SENT, sent_at=now)
        return Delivery.SENT
    start, end = starts[delivery.pk], delivery.window_end
    window = [item for item in items if start <= item.published_at < end]
    topic_cache, entry_cache = caches
    selected = select_items(window, Preferences.of(subscription), reader, topic_cache=topic_cache)
    state = Delivery.SKIPPED
    if selected:
        message = compose_digest(subscription, selected, delivery.key.removeprefix("digest:"), start, end,
                                 cache=entry_cache, issued_at=delivery.created_at)
        message.connection = connection
        message.send()
        state = Delivery.SENT
    finish(delivery, state, sent_at=now if state == Delivery.SENT else None, item_count=len(selected))
    return state


def _deliver_to_contact(delivery, connection, now):
    """A mailing to a contact person, unless they unsubscribed since it was planned."""
    if delivery.contact.status != Contact.ACTIVE:
        finish(delivery, Delivery.SKIPPED)
        return Delivery.SKIPPED
    message = compose_contact_mailing(delivery.contact, delivery.mailing, issued_at=delivery.created_at)
    message.connection = connection
    message.send()
    finish(delivery, Delivery.SENT, sent_at=now)
    return Delivery.SENT


def retry_due(now=None):
    """Re-enqueue what is owed: failed deliveries due for retry, lost claims, batches that never ran."""
    given_now, now = now, now or timezone.now()
    due = Delivery.objects.filter(
        Q(state=Delivery.FAILED, next_attempt_at__lte=now)
        | Q(state=Delivery.SENDING, claimed_at__lt=now - LEASE)
        | Q(state=Delivery.QUEUED, created_at__lt=now - LEASE)
    ).order_by("pk").values_list("pk", flat=True)
    return enqueue(list(due), given_now)


def delivery_counts(deliveries):
    """{state: count} of a delivery queryset, every state present (zero when none)."""
    counts = dict.fromkeys((code for code, _label in Delivery.STATES), 0)
    counts.update(dict(deliveries.values_list("state").annotate(n=Count("pk")).values_list("state", "n")))
    return counts


def refresh_mailing_status(mailing_id):
    """Mark a mailing sent once no delivery of it is waiting (queued, sending or due for retry)."""
    waiting = Delivery.objects.filter(mailing_id=mailing_id).filter(
        Q(state__in=[Delivery.QUEUED, Delivery.SENDING]) | Q(state=Delivery.FAILED, next_attempt_at__isnull=False)
    )
    if not waiting.exists():
        Mailing.objects.filter(pk=mailing_id, status=Mailing.SENDING).update(status=Mailing.SENT)
