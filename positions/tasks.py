"""django-q2 entry points (scheduled in schedules.py); the work is in reminders.py."""

from . import reminders


def send_reminders():
    """Scheduled: remind organisations that have not reacted, a week and a day before deadlines."""
    return reminders.send_due()
