"""Periodic tasks of search (created by manage.py setup_schedules; sync_pending is created on migrate)."""

SCHEDULES = [
    {
        # Needs and offers expire or get matched through `.update()` (no signal): catch up hourly.
        "name": "search.reconcile_support",
        "func": "search.tasks.reconcile",
        "args": "'support'",
        "schedule_type": "H",
    },
]
