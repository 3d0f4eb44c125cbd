"""Digest periods: the last complete day, ISO week or month in the site's time zone."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models.subscriptions import DAILY, MONTHLY, WEEKLY


@dataclass(frozen=True)
class Period:
    """A half-open interval [start, end) with a stable key such as "weekly:2026-W47"."""

    key: str
    start: datetime.datetime
    end: datetime.datetime


def _midnight(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def last_complete_period(frequency, now=None):
    """The latest period of `frequency` that has ended at `now`."""
    today = timezone.localdate(now or timezone.now())
    if frequency == DAILY:
        start_date = today - datetime.timedelta(days=1)
        return Period(f"daily:{start_date.isoformat()}", _midnight(start_date), _midnight(today))
    if frequency == WEEKLY:
        end_date = today - datetime.timedelta(days=today.weekday())
        start_date = end_date - datetime.timedelta(days=7)
        year, week, _day = start_date.isocalendar()
        return Period(f"weekly:{year}-W{week:02d}", _midnight(start_date), _midnight(end_date))
    if frequency == MONTHLY:
        end_date = today.replace(day=1)
        start_date = (end_date - datetime.timedelta(days=1)).replace(day=1)
        return Period(f"monthly:{start_date:%Y-%m}", _midnight(start_date), _midnight(end_date))
    raise ValueError(f"unknown frequency {frequency!r}")
