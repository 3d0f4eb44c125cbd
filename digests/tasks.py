"""django-q2 entry points (scheduled in schedules.py); the work is in delivery.py."""

from . import delivery


def plan_digests(frequency):
    """Scheduled: create and enqueue the digests of the period of `frequency` that just ended."""
    period, queued = delivery.plan_digest(frequency)
    return f"{period.key}: {len(queued)} queued"


def send_batch(delivery_ids, now=None):
    """Send one batch of deliveries (exactly once each)."""
    return delivery.send_batch(delivery_ids, now=now)


def retry_deliveries():
    """Scheduled: re-enqueue failed, lost and stuck deliveries."""
    return delivery.retry_due()
