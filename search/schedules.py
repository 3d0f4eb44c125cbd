"""Periodic tasks of search (created by manage.py setup_schedules)."""

from django_q.models import Schedule

SCHEDULES = [
    {
        # The outbox: index updates that found Elasticsearch or the broker down (search.tasks).
        # The name is the one sites created on migrate before: setup_schedules updates that row.
        "name": "search: push pending index updates",
        "func": "search.tasks.sync_pending",
        "schedule_type": Schedule.MINUTES,
        "minutes": 5,
    },
    {
        # Needs and offers expire or get matched through `.update()` (no signal): catch up hourly.
        "name": "search.reconcile_support",
        "func": "search.tasks.reconcile",
        "args": "'support'",
        "schedule_type": "H",
    },
]
